package sqlite

// TicketListQuery exposes the ticket list's SQL to the plan tests.
var TicketListQuery = ticketListQuery
