package postgres

import "github.com/triagehq/triage/internal/helpdesk"

// ListTicketsQuery exposes the ticket list's SQL to the black-box plan
// test, which EXPLAINs exactly what ListTickets runs.
func ListTicketsQuery(f helpdesk.TicketFilter) (string, []any, error) { return listTicketsQuery(f) }

// CountTicketsQuery exposes the ticket count's SQL to the plan test.
func CountTicketsQuery(f helpdesk.TicketFilter, max int) (string, []any) {
	return countTicketsQuery(f, max)
}
