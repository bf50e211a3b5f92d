package sqlite

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// countTickets counts the tickets of f's list, stopping at max.
func countTickets(ctx context.Context, q querier, f helpdesk.TicketFilter, max int) (int, error) {
	query, args := ticketCountQuery(f, max)
	if query == "" {
		return 0, nil
	}
	var n int
	if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count tickets: %w", err)
	}
	return n, nil
}

// ticketCountQuery builds the SQL and arguments counting f's tickets up to
// max, or returns "" when the count is zero without asking: f.Viewer may
// see nothing, or max is not positive. The inner LIMIT is what bounds the
// work: the count reads at most max rows off the filter's index, however
// many tickets match. Sort, After and Limit play no part.
func ticketCountQuery(f helpdesk.TicketFilter, max int) (string, []any) {
	if max <= 0 {
		return "", nil
	}
	var w where
	if !visibleTo(&w, f.Viewer) {
		return "", nil
	}
	shape := shapeFor(helpdesk.SortUpdatedDesc, f.Tag, &w)
	filterTickets(&w, f)
	query := `SELECT count(*) FROM (SELECT 1 FROM ` + shape.from + w.String() + ` LIMIT ?)`
	return query, append(w.args, max)
}

// CountTickets counts the tickets matching f that f.Viewer may see, up to
// max.
func (r queries) CountTickets(ctx context.Context, f helpdesk.TicketFilter, max int) (int, error) {
	return countTickets(ctx, r.q, f, max)
}
