package service

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// TicketHit is one ticket a search found, with where its text matched
// (nil when the search had no free text).
type TicketHit struct {
	Ticket  *helpdesk.Ticket
	Snippet *helpdesk.Snippet
}

// prepareSearch checks the caller, folds q into f and validates the
// result the way a list is validated. With free text and no sort the
// order is relevance.
func (s *Service) prepareSearch(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (searchFilter, int, error) {
	if err := requireUser(p); err != nil {
		return searchFilter{}, 0, err
	}
	f.Viewer = p.Viewer()
	if ok, err := s.resolveMyTeams(ctx, p, &f); err != nil {
		return searchFilter{}, 0, err
	} else if !ok {
		return searchFilter{none: true}, 0, nil
	}
	sf, err := s.parseQuery(ctx, p, q, f)
	if err != nil {
		return sf, 0, err
	}
	relevance := sf.Sort == helpdesk.SortRelevance
	if relevance && len(sf.Text) == 0 {
		return sf, 0, helpdesk.Invalid("sort", "relevance needs words to search for in q")
	}
	if sf.Sort == "" && len(sf.Text) > 0 {
		sf.Sort, relevance = helpdesk.SortRelevance, true
	}
	if !relevance {
		limit, err := validateTicketFilter(&sf.TicketFilter, p)
		return sf, limit, err
	}
	// Relevance is not a list sort: validate the rest as the default
	// list, then put the sort and its cursor back.
	after := sf.After
	if after != nil && after.Sort != helpdesk.SortRelevance {
		return sf, 0, helpdesk.Invalid("cursor", "belongs to another sort; start again without a cursor")
	}
	sf.Sort, sf.After = "", nil
	limit, err := validateTicketFilter(&sf.TicketFilter, p)
	sf.Sort, sf.After = helpdesk.SortRelevance, after
	return sf, limit, err
}

// SearchTickets runs a search: q in the search language on top of f's
// list filters, paged like ListTickets. Without free text it is a list
// (any depth, index-backed). With free text it considers the
// helpdesk.SearchCandidates newest matching tickets and orders those by
// relevance or by the sort asked for; each hit carries its snippet.
func (s *Service) SearchTickets(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) ([]*TicketHit, *helpdesk.TicketCursor, error) {
	sf, limit, err := s.prepareSearch(ctx, p, q, f)
	if err != nil || sf.none {
		return []*TicketHit{}, nil, err
	}
	if len(sf.Text) == 0 {
		sf.Limit = limit + 1
		items, err := s.store.ListTickets(ctx, sf.TicketFilter)
		if err != nil {
			return nil, nil, fmt.Errorf("search tickets: %w", err)
		}
		var next *helpdesk.TicketCursor
		if len(items) > limit {
			items = items[:limit]
			c := helpdesk.CursorFor(sf.Sort, items[limit-1])
			next = &c
		}
		hits := make([]*TicketHit, len(items))
		for i, t := range items {
			hits[i] = &TicketHit{Ticket: t}
		}
		return hits, next, nil
	}
	cands, err := s.store.SearchCandidates(ctx, sf.TicketFilter, helpdesk.SearchCandidates)
	if err != nil {
		return nil, nil, fmt.Errorf("search tickets: %w", err)
	}
	page, next := pageCandidates(cands, sf.Sort, sf.After, limit)
	ids := make([]int64, len(page))
	for i, c := range page {
		ids[i] = c.ID
	}
	tickets, err := s.store.ListTicketsByIDs(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("search tickets: %w", err)
	}
	snippets, err := s.store.TicketSnippets(ctx, sf.Viewer, sf.Text, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("search snippets: %w", err)
	}
	byID := make(map[int64]*helpdesk.Ticket, len(tickets))
	for _, t := range tickets {
		byID[t.ID] = t
	}
	hits := make([]*TicketHit, 0, len(page))
	for _, c := range page {
		if t := byID[c.ID]; t != nil {
			hits = append(hits, &TicketHit{Ticket: t, Snippet: snippets[c.ID]})
		}
	}
	return hits, next, nil
}

// candidateKey is a candidate's sort key as a cursor carries it: unix
// microseconds for times, the priority rank, the id, or the rank's bits
// (a float64 read back exactly, so paging by relevance is a keyset too).
func candidateKey(s helpdesk.TicketSort, c helpdesk.SearchCandidate) int64 {
	switch s.Field() {
	case "relevance":
		return int64(math.Float64bits(c.Rank))
	case "updated_at":
		return c.UpdatedAt.UnixMicro()
	case "created_at":
		return c.CreatedAt.UnixMicro()
	case "priority":
		return int64(c.Priority.Rank())
	}
	return c.ID
}

// compareCandidates orders a before b under s, ties broken by id in the
// sort's direction. Relevance is best first, then newest.
func compareCandidates(s helpdesk.TicketSort, a, b helpdesk.SearchCandidate) int {
	var c int
	switch s.Field() {
	case "relevance":
		c = cmp.Compare(b.Rank, a.Rank)
		if c == 0 {
			c = cmp.Compare(b.ID, a.ID)
		}
		return c
	case "updated_at":
		c = a.UpdatedAt.Compare(b.UpdatedAt)
	case "created_at":
		c = a.CreatedAt.Compare(b.CreatedAt)
	case "priority":
		c = cmp.Compare(a.Priority.Rank(), b.Priority.Rank())
	}
	if c == 0 {
		c = cmp.Compare(a.ID, b.ID)
	}
	if s.Desc() {
		c = -c
	}
	return c
}

// pageCandidates orders the candidates, skips to after the cursor and
// returns one page and the cursor of the next, if any.
func pageCandidates(cands []helpdesk.SearchCandidate, s helpdesk.TicketSort, after *helpdesk.TicketCursor, limit int) ([]helpdesk.SearchCandidate, *helpdesk.TicketCursor) {
	slices.SortFunc(cands, func(a, b helpdesk.SearchCandidate) int { return compareCandidates(s, a, b) })
	if after != nil {
		at := helpdesk.SearchCandidate{ID: after.ID}
		switch s.Field() {
		case "relevance":
			at.Rank = math.Float64frombits(uint64(after.Key))
		case "updated_at":
			at.UpdatedAt = time.UnixMicro(after.Key)
		case "created_at":
			at.CreatedAt = time.UnixMicro(after.Key)
		case "priority":
			at.Priority = priorityOfRank(after.Key)
		}
		i, _ := slices.BinarySearchFunc(cands, at, func(c, t helpdesk.SearchCandidate) int { return compareCandidates(s, c, t) })
		for i < len(cands) && compareCandidates(s, cands[i], at) <= 0 {
			i++
		}
		cands = cands[i:]
	}
	if len(cands) <= limit {
		return cands, nil
	}
	page := cands[:limit]
	last := page[limit-1]
	return page, &helpdesk.TicketCursor{Sort: s, Key: candidateKey(s, last), ID: last.ID}
}

func priorityOfRank(r int64) helpdesk.Priority {
	if r >= 1 && int(r) <= len(helpdesk.Priorities) {
		return helpdesk.Priorities[r-1]
	}
	return ""
}

// CountSearch counts the tickets a search finds, bounded: at most
// MaxTicketCount, or helpdesk.SearchCandidates with free text (a search
// considers no more). capped says there are more.
func (s *Service) CountSearch(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (n int, capped bool, err error) {
	f.Sort, f.After, f.Limit = "", nil, 0
	sf, _, err := s.prepareSearch(ctx, p, q, f)
	if err != nil || sf.none {
		return 0, false, err
	}
	if len(sf.Text) == 0 {
		n, err = s.store.CountTickets(ctx, sf.TicketFilter, MaxTicketCount+1)
		if err != nil {
			return 0, false, fmt.Errorf("count tickets: %w", err)
		}
		if n > MaxTicketCount {
			return MaxTicketCount, true, nil
		}
		return n, false, nil
	}
	cands, err := s.store.SearchCandidates(ctx, sf.TicketFilter, helpdesk.SearchCandidates+1)
	if err != nil {
		return 0, false, fmt.Errorf("count search: %w", err)
	}
	if len(cands) > helpdesk.SearchCandidates {
		return helpdesk.SearchCandidates, true, nil
	}
	return len(cands), false, nil
}
