package service

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
)

// FacetValue is the count of one value of a facet. For the assignee facet
// Value is a user id or "none", and Name the user's name.
type FacetValue struct {
	Value  string `json:"value"`
	Name   string `json:"name,omitempty"`
	Count  int    `json:"count"`
	Capped bool   `json:"capped"`
}

// Facets counts a search's tickets by status, priority and assignee.
// Scope is "all" when every matching ticket was counted (each count
// bounded at MaxTicketCount), or "newest_matches" when a free-text search
// had more matches than it considers and the counts are of the
// helpdesk.SearchCandidates newest.
type Facets struct {
	Status   []FacetValue `json:"status"`
	Priority []FacetValue `json:"priority"`
	Assignee []FacetValue `json:"assignee"`
	Scope    string       `json:"scope"`
}

// maxAssigneeFacets bounds the assignee facet of a search without free
// text, which takes one bounded count per person.
const maxAssigneeFacets = 50

// SearchFacets counts the tickets of a search by status, priority and
// assignee, for staff. Values with no ticket are left out, except the
// statuses and priorities, which are always listed.
func (s *Service) SearchFacets(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (*Facets, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	f.Sort, f.After, f.Limit = "", nil, 0
	sf, _, err := s.prepareSearch(ctx, p, q, f)
	if err != nil {
		return nil, err
	}
	out := &Facets{Status: []FacetValue{}, Priority: []FacetValue{}, Assignee: []FacetValue{}, Scope: "all"}
	if sf.none {
		for _, st := range helpdesk.Statuses {
			out.Status = append(out.Status, FacetValue{Value: string(st)})
		}
		for _, pr := range helpdesk.Priorities {
			out.Priority = append(out.Priority, FacetValue{Value: string(pr)})
		}
		return out, nil
	}
	if len(sf.Text) > 0 {
		err = s.facetsOfCandidates(ctx, sf.TicketFilter, out)
	} else {
		err = s.facetsByCount(ctx, sf.TicketFilter, out)
	}
	if err != nil {
		return nil, err
	}
	return out, s.nameAssignees(ctx, out)
}

func (s *Service) facetsOfCandidates(ctx context.Context, f helpdesk.TicketFilter, out *Facets) error {
	cands, err := s.store.SearchCandidates(ctx, f, helpdesk.SearchCandidates)
	if err != nil {
		return fmt.Errorf("search facets: %w", err)
	}
	if len(cands) == helpdesk.SearchCandidates {
		out.Scope = "newest_matches"
	}
	status, prio, assignee := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range cands {
		status[string(c.Status)]++
		prio[string(c.Priority)]++
		a := "none"
		if c.AssigneeID != nil {
			a = strconv.FormatInt(*c.AssigneeID, 10)
		}
		assignee[a]++
	}
	for _, st := range helpdesk.Statuses {
		out.Status = append(out.Status, FacetValue{Value: string(st), Count: status[string(st)]})
	}
	for _, pr := range helpdesk.Priorities {
		out.Priority = append(out.Priority, FacetValue{Value: string(pr), Count: prio[string(pr)]})
	}
	for v, n := range assignee {
		out.Assignee = append(out.Assignee, FacetValue{Value: v, Count: n})
	}
	slices.SortFunc(out.Assignee, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	return nil
}

// facetsByCount runs one bounded, index-backed count per facet value.
func (s *Service) facetsByCount(ctx context.Context, f helpdesk.TicketFilter, out *Facets) error {
	count := func(g helpdesk.TicketFilter) (FacetValue, error) {
		n, err := s.store.CountTickets(ctx, g, MaxTicketCount+1)
		if err != nil {
			return FacetValue{}, fmt.Errorf("search facets: %w", err)
		}
		return FacetValue{Count: min(n, MaxTicketCount), Capped: n > MaxTicketCount}, nil
	}
	for _, st := range helpdesk.Statuses {
		fv := FacetValue{}
		if f.Statuses == nil || slices.Contains(f.Statuses, st) {
			g := f
			g.Statuses = []helpdesk.Status{st}
			var err error
			if fv, err = count(g); err != nil {
				return err
			}
		}
		fv.Value = string(st)
		out.Status = append(out.Status, fv)
	}
	for _, pr := range helpdesk.Priorities {
		fv := FacetValue{}
		if f.Priorities == nil || slices.Contains(f.Priorities, pr) {
			g := f
			g.Priorities = []helpdesk.Priority{pr}
			var err error
			if fv, err = count(g); err != nil {
				return err
			}
		}
		fv.Value = string(pr)
		out.Priority = append(out.Priority, fv)
	}
	staff, err := s.store.ListUsers(ctx, helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin},
		Active: new(true), Limit: maxAssigneeFacets})
	if err != nil {
		return fmt.Errorf("search facets: %w", err)
	}
	ids := []int64{0}
	for _, u := range staff {
		ids = append(ids, u.ID)
	}
	for _, id := range ids {
		if f.AssigneeIDs != nil || f.Unassigned {
			if (id == 0 && !f.Unassigned) || (id != 0 && !slices.Contains(f.AssigneeIDs, id)) {
				continue
			}
		}
		if slices.Contains(f.NotAssigneeIDs, id) || (id == 0 && f.Assigned) {
			continue
		}
		g := f
		if id == 0 {
			g.AssigneeIDs, g.Unassigned = nil, true
		} else {
			g.AssigneeIDs, g.Unassigned = []int64{id}, false
		}
		fv, err := count(g)
		if err != nil {
			return err
		}
		if fv.Count == 0 {
			continue
		}
		fv.Value = "none"
		if id != 0 {
			fv.Value = strconv.FormatInt(id, 10)
		}
		out.Assignee = append(out.Assignee, fv)
	}
	slices.SortFunc(out.Assignee, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	return nil
}

// nameAssignees fills in the assignee facet's names in one lookup.
func (s *Service) nameAssignees(ctx context.Context, out *Facets) error {
	var ids []int64
	for _, fv := range out.Assignee {
		if id, err := strconv.ParseInt(fv.Value, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	users, err := s.store.ListUsersByIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("search facets: %w", err)
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[strconv.FormatInt(u.ID, 10)] = u.Name
	}
	for i := range out.Assignee {
		out.Assignee[i].Name = names[out.Assignee[i].Value]
	}
	return nil
}
