package service

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// MaxTicketCount is where ticket counts stop: beyond it the web app shows
// "10k+", and counting on would read ever more rows for nobody's benefit.
const MaxTicketCount = 10_000

// CountTickets counts the tickets the caller may see that match f's
// filters, up to MaxTicketCount; capped reports that more match. Sort,
// cursor and limit play no part.
func (s *Service) CountTickets(ctx context.Context, p *helpdesk.Principal, f helpdesk.TicketFilter) (n int, capped bool, err error) {
	if err := requireUser(p); err != nil {
		return 0, false, err
	}
	f.Viewer = p.Viewer()
	f.Sort, f.After, f.Limit = "", nil, 0
	if _, err := validateTicketFilter(&f, p); err != nil {
		return 0, false, err
	}
	if ok, err := s.resolveMyTeams(ctx, p, &f); err != nil || !ok {
		return 0, false, err
	}
	n, err = s.store.CountTickets(ctx, f, MaxTicketCount+1)
	if err != nil {
		return 0, false, fmt.Errorf("count tickets: %w", err)
	}
	if n > MaxTicketCount {
		return MaxTicketCount, true, nil
	}
	return n, false, nil
}
