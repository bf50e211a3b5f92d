package seed

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// maxLoadedCustomers bounds how many existing customers a later seed run
// spreads new tickets over; more would only cost memory.
const maxLoadedCustomers = 50_000

// loadPeople reads the people and teams of an earlier seed run, so that a
// second run adds tickets between the same people.
func loadPeople(ctx context.Context, st helpdesk.Reader) (*people, error) {
	p := &people{crews: map[string]*crew{}}
	var err error
	if p.staff, err = listRole(ctx, st, helpdesk.RoleAgent, 10_000); err != nil {
		return nil, err
	}
	if len(p.staff) == 0 {
		if p.staff, err = listRole(ctx, st, helpdesk.RoleAdmin, 1000); err != nil {
			return nil, err
		}
	}
	if p.customers, err = listRole(ctx, st, helpdesk.RoleCustomer, maxLoadedCustomers); err != nil {
		return nil, err
	}
	if len(p.staff) == 0 || len(p.customers) == 0 {
		return nil, fmt.Errorf("the database has %d active agents and %d active customers; seeding needs at least one of each",
			len(p.staff), len(p.customers))
	}
	demoFirst(p.customers)
	return p, loadCrews(ctx, st, p)
}

// listRole returns up to max active users with role, newest first.
func listRole(ctx context.Context, st helpdesk.Reader, role helpdesk.Role, max int) ([]*helpdesk.User, error) {
	active := true
	f := helpdesk.UserFilter{Role: &role, Active: &active, Limit: 1000}
	var out []*helpdesk.User
	for len(out) < max {
		page, err := st.ListUsers(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("list %s users: %w", role, err)
		}
		if len(page) == 0 {
			break
		}
		out = append(out, page...)
		f.AfterID = page[len(page)-1].ID
	}
	return out[:min(len(out), max)], nil
}

// demoFirst moves the demo customer to the front, where the requester
// choice favours it, so the demo login keeps seeing new tickets.
func demoFirst(customers []*helpdesk.User) {
	for i, u := range customers {
		if u.Email == CustomerEmail {
			copy(customers[1:i+1], customers[:i])
			customers[0] = u
			return
		}
	}
}

func loadCrews(ctx context.Context, st helpdesk.Reader, p *people) error {
	teams, err := st.ListTeams(ctx)
	if err != nil {
		return fmt.Errorf("list teams: %w", err)
	}
	for _, t := range teams {
		members, err := st.ListTeamMembers(ctx, t.ID)
		if err != nil {
			return fmt.Errorf("list members of team %d: %w", t.ID, err)
		}
		c := &crew{team: t}
		for _, m := range members {
			if m.Active && m.Role.Staff() {
				c.members = append(c.members, m)
			}
		}
		p.crews[t.Name] = c
	}
	return nil
}
