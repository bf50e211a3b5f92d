package service

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// defaultTicketLimit is the ticket list's page size when none is asked.
const defaultTicketLimit = 25

// ListTickets returns a page of the tickets the caller may see, and the
// cursor of the next page (nil on the last one). Visibility always comes
// from p: a Viewer in f is overwritten.
func (s *Service) ListTickets(ctx context.Context, p *helpdesk.Principal, f helpdesk.TicketFilter) ([]*helpdesk.Ticket, *helpdesk.TicketCursor, error) {
	if err := requireUser(p); err != nil {
		return nil, nil, err
	}
	f.Viewer = p.Viewer()
	limit, err := validateTicketFilter(&f, p)
	if err != nil {
		return nil, nil, err
	}
	if ok, err := s.resolveMyTeams(ctx, p, &f); err != nil {
		return nil, nil, err
	} else if !ok {
		return []*helpdesk.Ticket{}, nil, nil
	}
	f.Limit = limit + 1
	items, err := s.store.ListTickets(ctx, f)
	if err != nil {
		return nil, nil, fmt.Errorf("list tickets: %w", err)
	}
	if len(items) <= limit {
		return items, nil, nil
	}
	items = items[:limit]
	next := helpdesk.CursorFor(f.Sort, items[limit-1])
	return items, &next, nil
}

// validateTicketFilter checks f, fills in its defaults and returns the page
// size the caller asked for.
func validateTicketFilter(f *helpdesk.TicketFilter, p *helpdesk.Principal) (int, error) {
	var v helpdesk.Validation
	limit := pageLimit(&v, f.Limit, defaultTicketLimit)
	if f.Sort == "" {
		f.Sort = helpdesk.SortUpdatedDesc
	}
	validateEnum(&v, "sort", f.Sort, helpdesk.TicketSorts)
	validateEnums(&v, "status", f.Statuses, helpdesk.Statuses)
	validateEnums(&v, "priority", f.Priorities, helpdesk.Priorities)
	validateEnums(&v, "type", f.Types, helpdesk.TicketTypes)
	if f.AssigneeID != nil && f.Unassigned {
		v.Add("assignee", "cannot be a user and none at once")
	}
	if f.Tag != "" {
		if tags := helpdesk.NormalizeTags(&v, "tag", []string{f.Tag}); len(tags) == 1 {
			f.Tag = tags[0]
		}
	}
	if f.After != nil && f.After.Sort != f.Sort {
		v.Add("cursor", "belongs to another sort; start again without a cursor")
	}
	validateTeamFilter(&v, f, p)
	if f.UpdatedAfter != nil {
		// Stored times have microsecond precision, in UTC.
		t := f.UpdatedAfter.UTC().Truncate(time.Microsecond)
		f.UpdatedAfter = &t
	}
	return limit, v.Err()
}

// validateEnums adds one problem to v if any of vals is not one of all.
func validateEnums[T ~string](v *helpdesk.Validation, field string, vals, all []T) {
	for _, val := range vals {
		if !slices.Contains(all, val) {
			v.Add(field, "must be one of %s", enumList(all))
			return
		}
	}
}
