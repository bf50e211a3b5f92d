package storetest

import (
	"fmt"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

func ticketCountTests() []test {
	return []test{
		{"Tickets/CountAgreesWithList", testTicketCountAgrees},
		{"Tickets/CountVisibility", testTicketCountVisibility},
		{"Tickets/CountIsCapped", testTicketCountCapped},
		{"Tickets/CountIgnoresSortCursorAndLimit", testTicketCountIgnoresPaging},
		{"Users/ListByIDs", testUsersByIDs},
		{"Users/ListByIDsLimit", testUsersByIDsLimit},
		{"Users/ListRoles", testUserListRoles},
	}
}

// countViewers are the viewers count tests look through: every kind of
// visibility, including agents whose teams differ.
func countViewers(w *ticketWorld) []helpdesk.Viewer {
	return []helpdesk.Viewer{
		{UserID: w.admin.ID, Role: helpdesk.RoleAdmin},
		{UserID: w.agent.ID, Role: helpdesk.RoleAgent},
		{UserID: w.agent2.ID, Role: helpdesk.RoleAgent},
		{UserID: w.cust.ID, Role: helpdesk.RoleCustomer},
		{UserID: w.cust2.ID, Role: helpdesk.RoleCustomer},
	}
}

// countTickets calls CountTickets and fails the test on error.
func countTickets(t *testing.T, s helpdesk.Store, what string, f helpdesk.TicketFilter, max int) int {
	t.Helper()
	n, err := s.CountTickets(t.Context(), f, max)
	must(t, "CountTickets("+what+")", err)
	return n
}

// testTicketCountAgrees checks that every filter counts exactly the rows
// the list returns for it, for every viewer.
func testTicketCountAgrees(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	for _, c := range ticketFilterCases(w) {
		for _, v := range countViewers(w) {
			f := c.f
			f.Viewer, f.Sort, f.Limit = v, helpdesk.SortUpdatedDesc, 1000
			list, err := s.ListTickets(t.Context(), f)
			must(t, "ListTickets", err)
			what := fmt.Sprintf("%s as %s %d", c.name, v.Role, v.UserID)
			if want := len(w.want(f)); len(list) != want {
				t.Errorf("ListTickets(%s): %d rows, model says %d", what, len(list), want)
			}
			if n := countTickets(t, s, what, f, 10_001); n != len(list) {
				t.Errorf("CountTickets(%s): got %d, the list has %d rows", what, n, len(list))
			}
		}
	}
}

// testTicketCountVisibility checks counts through viewers who see some,
// none or all of the tickets.
func testTicketCountVisibility(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	viewers := []struct {
		name string
		v    helpdesk.Viewer
	}{
		{"Admin", helpdesk.Viewer{UserID: w.admin.ID, Role: helpdesk.RoleAdmin}},
		{"AgentOfTeamA", helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleAgent}},
		{"AgentOfTeamsBAndC", helpdesk.Viewer{UserID: w.agent2.ID, Role: helpdesk.RoleAgent}},
		{"AgentWithoutTeams", helpdesk.Viewer{UserID: w.cust.ID, Role: helpdesk.RoleAgent}},
		{"Customer", helpdesk.Viewer{UserID: w.cust.ID, Role: helpdesk.RoleCustomer}},
		{"CustomerWithoutTickets", helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleCustomer}},
		{"EmptyRole", helpdesk.Viewer{UserID: w.admin.ID}},
		{"UnknownRole", helpdesk.Viewer{UserID: w.admin.ID, Role: "superuser"}},
		{"ZeroViewer", helpdesk.Viewer{}},
	}
	for _, c := range viewers {
		f := helpdesk.TicketFilter{Viewer: c.v}
		want := len(w.want(f))
		if n := countTickets(t, s, c.name, f, 10_001); n != want {
			t.Errorf("CountTickets(as %s): got %d, want %d", c.name, n, want)
		}
	}
	// An agent counting another team's tickets sees only those assigned
	// to them, as the list does.
	f := helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleAgent},
		TeamIDs: []int64{w.teamB.ID, w.teamC.ID}}
	want := len(w.want(f))
	if want == 0 || want == len(w.want(helpdesk.TicketFilter{Viewer: adminViewer(w), TeamIDs: f.TeamIDs})) {
		t.Fatalf("fixture: the agent should see some but not all of teams B and C's tickets (sees %d)", want)
	}
	if n := countTickets(t, s, "agent, teams B and C", f, 10_001); n != want {
		t.Errorf("CountTickets(agent of team A, teams B and C): got %d, want %d", n, want)
	}
}

func adminViewer(w *ticketWorld) helpdesk.Viewer {
	return helpdesk.Viewer{UserID: w.admin.ID, Role: helpdesk.RoleAdmin}
}

// testTicketCountCapped checks that the count stops at max, and that
// max+1 tells "exactly max" from "more than max".
func testTicketCountCapped(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	for _, c := range []struct {
		name string
		f    helpdesk.TicketFilter
	}{
		{"All", helpdesk.TicketFilter{Viewer: adminViewer(w)}},
		{"Agent", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleAgent}}},
		{"Tag", helpdesk.TicketFilter{Viewer: adminViewer(w), Tag: "billing"}},
		{"Statuses", helpdesk.TicketFilter{Viewer: adminViewer(w), Statuses: []helpdesk.Status{"new", "open"}}},
	} {
		total := len(w.want(c.f))
		if total < 4 {
			t.Fatalf("fixture: %s matches only %d tickets", c.name, total)
		}
		for _, max := range []int{1, 3, total - 1, total, total + 1, 10_001} {
			want := min(total, max)
			if n := countTickets(t, s, c.name, c.f, max); n != want {
				t.Errorf("CountTickets(%s, max %d): got %d, want %d (%d match)", c.name, max, n, want, total)
			}
		}
		for _, max := range []int{0, -1} {
			if n := countTickets(t, s, c.name, c.f, max); n != 0 {
				t.Errorf("CountTickets(%s, max %d): got %d, want 0", c.name, max, n)
			}
		}
	}
}

// testTicketCountIgnoresPaging checks that a filter carried over from a
// list page, with its sort, cursor and limit, counts the whole list.
func testTicketCountIgnoresPaging(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	f := helpdesk.TicketFilter{Viewer: adminViewer(w), Statuses: []helpdesk.Status{"new", "open", "pending"}}
	want := len(w.want(f))
	for _, sort := range helpdesk.TicketSorts {
		g := f
		g.Sort, g.Limit = sort, 2
		all := w.want(g)
		c := helpdesk.CursorFor(sort, all[len(all)/2])
		g.After = &c
		if n := countTickets(t, s, "paged", g, 10_001); n != want {
			t.Errorf("CountTickets(sort %s, after the middle row, limit 2): got %d, want %d", sort, n, want)
		}
	}
}
