package postgres

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// CountTickets counts the tickets ListTickets would return for f, ignoring
// its sort, cursor and limit, and stops at max.
func (r reader) CountTickets(ctx context.Context, f helpdesk.TicketFilter, max int) (int, error) {
	sql, args := countTicketsQuery(f, max)
	if sql == "" {
		return 0, nil
	}
	var n int
	if err := r.q.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count tickets: %w", err)
	}
	return n, nil
}

// countTicketsQuery builds CountTickets' SQL and arguments, or returns ""
// when the count is zero without asking: the viewer may see nothing, or
// max is not positive. The inner LIMIT bounds the work to max rows read
// off the filter's index, however many tickets match.
func countTicketsQuery(f helpdesk.TicketFilter, max int) (string, []any) {
	if max <= 0 {
		return "", nil
	}
	var w where
	if !visible(&w, f.Viewer) {
		return "", nil
	}
	filterTickets(&w, f)
	sql := `SELECT count(*) FROM (SELECT 1 FROM tickets t` + w.sql() + ` LIMIT ` + w.arg(max) + `) c`
	return sql, w.args
}
