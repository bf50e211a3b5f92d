package service_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// teamWorld is an agent in two teams, one in another, and tickets of every
// team, of no team, and of two customers.
type teamWorld struct {
	admin, agent, loner, other, custA, custB *helpdesk.Principal
	red, blue, green                         *helpdesk.Team
	byTeam                                   map[int64][]int64 // team id (0 = none) -> ticket ids
}

func newTeamWorld(t *testing.T) (*service.Service, *fixtures, *teamWorld) {
	svc, _, f := newTestService(t)
	w := &teamWorld{admin: f.admin("Ada"), agent: f.agent("Al"), loner: f.agent("Lone"), other: f.agent("Ots"),
		custA: f.customer("Ann"), custB: f.customer("Bob"), byTeam: map[int64][]int64{}}
	w.red = f.team(w.admin, "Red", w.agent)
	w.blue = f.team(w.admin, "Blue", w.agent)
	w.green = f.team(w.admin, "Green", w.other)
	for i, team := range []*helpdesk.Team{w.red, w.blue, w.green, nil, w.red, nil} {
		in := service.NewTicket{RequesterID: &w.custA.User.ID}
		var key int64
		if team != nil {
			in.TeamID, key = &team.ID, team.ID
		}
		if i%2 == 1 {
			in.RequesterID = &w.custB.User.ID
		}
		tk := f.ticket(w.admin, in)
		w.byTeam[key] = append(w.byTeam[key], tk.ID)
	}
	return svc, f, w
}

// listIDs returns the ids of every ticket p lists with f, ascending.
func listIDs(t *testing.T, svc *service.Service, p *helpdesk.Principal, f helpdesk.TicketFilter) []int64 {
	t.Helper()
	f.Sort, f.Limit = helpdesk.SortIDAsc, 100
	items, _, err := svc.ListTickets(context.Background(), p, f)
	must(t, "ListTickets", err)
	out := []int64{}
	for _, tk := range items {
		out = append(out, tk.ID)
	}
	return out
}

func sortedIDs(groups ...[]int64) []int64 {
	out := []int64{}
	for _, g := range groups {
		out = append(out, g...)
	}
	slices.Sort(out)
	return out
}

func TestListTickets_TeamFilters(t *testing.T) {
	svc, _, w := newTeamWorld(t)
	ctx := context.Background()
	cases := []struct {
		name string
		p    *helpdesk.Principal
		f    helpdesk.TicketFilter
		want []int64
	}{
		{"MineAgentOfTwoTeams", w.agent, helpdesk.TicketFilter{MyTeams: true}, sortedIDs(w.byTeam[w.red.ID], w.byTeam[w.blue.ID])},
		{"MineAgentOfOneTeam", w.other, helpdesk.TicketFilter{MyTeams: true}, sortedIDs(w.byTeam[w.green.ID])},
		{"MineAgentWithoutTeams", w.loner, helpdesk.TicketFilter{MyTeams: true}, []int64{}},
		{"MineAdminWithoutTeams", w.admin, helpdesk.TicketFilter{MyTeams: true}, []int64{}},
		{"None", w.agent, helpdesk.TicketFilter{NoTeam: true}, sortedIDs(w.byTeam[0])},
		{"TeamIDsVisibilityStillApplies", w.agent, helpdesk.TicketFilter{TeamIDs: []int64{w.red.ID, w.green.ID}},
			sortedIDs(w.byTeam[w.red.ID])},
		{"TeamIDsAdmin", w.admin, helpdesk.TicketFilter{TeamIDs: []int64{w.red.ID, w.green.ID}},
			sortedIDs(w.byTeam[w.red.ID], w.byTeam[w.green.ID])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := listIDs(t, svc, c.p, c.f); !slices.Equal(got, c.want) {
				t.Errorf("list: got %v, want %v", got, c.want)
			}
			n, capped, err := svc.CountTickets(ctx, c.p, c.f)
			must(t, "CountTickets", err)
			if n != len(c.want) || capped {
				t.Errorf("count: got %d (capped %v), want %d", n, capped, len(c.want))
			}
		})
	}
}

func TestTicketFilters_CustomersCannotFilterByTeam(t *testing.T) {
	svc, _, w := newTeamWorld(t)
	ctx := context.Background()
	for name, f := range map[string]helpdesk.TicketFilter{
		"TeamID":  {TeamID: &w.red.ID},
		"TeamIDs": {TeamIDs: []int64{w.red.ID}},
		"NoTeam":  {NoTeam: true},
		"MyTeams": {MyTeams: true},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := svc.ListTickets(ctx, w.custA, f)
			wantFields(t, err, "team")
			wantFieldMessage(t, err, "team", "customers cannot filter by team")
			_, _, err = svc.CountTickets(ctx, w.custA, f)
			wantFields(t, err, "team")
		})
	}
}

func TestTicketFilters_OneTeamFilter(t *testing.T) {
	svc, _, w := newTeamWorld(t)
	ctx := context.Background()
	for name, f := range map[string]helpdesk.TicketFilter{
		"MineAndNone":  {MyTeams: true, NoTeam: true},
		"IDAndMine":    {TeamID: &w.red.ID, MyTeams: true},
		"NonPositive":  {TeamIDs: []int64{w.red.ID, 0}},
		"IDsAndNoTeam": {TeamIDs: []int64{w.red.ID}, NoTeam: true},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := svc.ListTickets(ctx, w.agent, f)
			wantFields(t, err, "team")
			_, _, err = svc.CountTickets(ctx, w.agent, f)
			wantFields(t, err, "team")
		})
	}
}

func TestCountTickets_VisibilityAndFilters(t *testing.T) {
	svc, f, w := newTeamWorld(t)
	ctx := context.Background()
	f.clock.Advance(time.Hour)
	cutoff := f.clock.Now()
	touched := w.byTeam[w.red.ID][0]
	_, err := svc.UpdateTicket(ctx, w.admin, touched, helpdesk.TicketUpdate{Priority: ptr(helpdesk.PriorityHigh)})
	must(t, "UpdateTicket", err)

	cases := []struct {
		name string
		p    *helpdesk.Principal
		f    helpdesk.TicketFilter
	}{
		{"AdminAll", w.admin, helpdesk.TicketFilter{}},
		{"AgentAll", w.agent, helpdesk.TicketFilter{}},
		{"OtherAgentAll", w.other, helpdesk.TicketFilter{}},
		{"CustomerA", w.custA, helpdesk.TicketFilter{}},
		{"CustomerB", w.custB, helpdesk.TicketFilter{}},
		{"UpdatedAfter", w.admin, helpdesk.TicketFilter{UpdatedAfter: &cutoff}},
		{"CustomerUpdatedAfter", w.custA, helpdesk.TicketFilter{UpdatedAfter: &cutoff}},
		{"AssigneeMeOpen", w.agent, helpdesk.TicketFilter{AssigneeID: &w.agent.User.ID,
			Statuses: []helpdesk.Status{"new", "open", "pending", "on_hold"}}},
		{"UnassignedOpen", w.agent, helpdesk.TicketFilter{Unassigned: true, Statuses: []helpdesk.Status{"new", "open"}}},
		// Sort, cursor and limit are list matters; a count ignores them.
		{"IgnoresPaging", w.admin, helpdesk.TicketFilter{Sort: helpdesk.SortIDAsc, Limit: 1,
			After: &helpdesk.TicketCursor{Sort: helpdesk.SortIDAsc, ID: 3}}},
	}
	for _, c := range cases {
		want := listIDs(t, svc, c.p, helpdesk.TicketFilter{Statuses: c.f.Statuses, AssigneeID: c.f.AssigneeID,
			Unassigned: c.f.Unassigned, UpdatedAfter: c.f.UpdatedAfter})
		n, capped, err := svc.CountTickets(ctx, c.p, c.f)
		must(t, "CountTickets("+c.name+")", err)
		if n != len(want) || capped {
			t.Errorf("CountTickets(%s): got %d (capped %v), want %d", c.name, n, capped, len(want))
		}
	}
	if n, _, _ := svc.CountTickets(ctx, w.admin, helpdesk.TicketFilter{UpdatedAfter: &cutoff}); n != 1 {
		t.Errorf("CountTickets(updated after the cutoff): got %d, want the one touched ticket", n)
	}
	// The viewer always comes from the principal.
	n, _, err := svc.CountTickets(ctx, w.custB, helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.admin.User.ID, Role: helpdesk.RoleAdmin}})
	must(t, "CountTickets(forged viewer)", err)
	if n != 3 {
		t.Errorf("CountTickets(customer B, forged admin viewer): got %d, want B's 3 tickets", n)
	}
	_, _, err = svc.CountTickets(ctx, w.admin, helpdesk.TicketFilter{Statuses: []helpdesk.Status{"bogus"}})
	wantFields(t, err, "status")
	_, _, err = svc.CountTickets(ctx, nil, helpdesk.TicketFilter{})
	wantCode(t, err, helpdesk.EUNAUTHORIZED)
}

func TestCountTickets_Capped(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 10,001 tickets") // ok-to-skip: only under -short, which make test never passes
	}
	svc, db, f := newTestService(t)
	ctx := context.Background()
	admin, cust := f.admin("Ada"), f.customer("Ann")
	add := func(n int) {
		t.Helper()
		err := db.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
			for range n {
				now := f.clock.Now().UTC().Truncate(time.Microsecond)
				tk := &helpdesk.Ticket{Subject: "Many", Status: helpdesk.StatusNew, Priority: helpdesk.PriorityNormal,
					Type: helpdesk.TypeQuestion, RequesterID: cust.User.ID, Tags: []string{}, CreatedAt: now, UpdatedAt: now}
				if err := tx.CreateTicket(ctx, tk); err != nil {
					return err
				}
			}
			return nil
		})
		must(t, "create tickets", err)
	}
	add(service.MaxTicketCount)
	n, capped, err := svc.CountTickets(ctx, admin, helpdesk.TicketFilter{})
	must(t, "CountTickets", err)
	if n != service.MaxTicketCount || capped {
		t.Errorf("exactly %d tickets: got %d capped %v, want %d not capped", service.MaxTicketCount, n, capped, service.MaxTicketCount)
	}
	add(1)
	n, capped, err = svc.CountTickets(ctx, admin, helpdesk.TicketFilter{})
	must(t, "CountTickets", err)
	if n != service.MaxTicketCount || !capped {
		t.Errorf("%d tickets: got %d capped %v, want %d capped", service.MaxTicketCount+1, n, capped, service.MaxTicketCount)
	}
	n, capped, err = svc.CountTickets(ctx, cust, helpdesk.TicketFilter{Statuses: []helpdesk.Status{"new"}})
	must(t, "CountTickets(customer)", err)
	if n != service.MaxTicketCount || !capped {
		t.Errorf("customer: got %d capped %v", n, capped)
	}
}
