package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func ticketListTests() []test {
	return []test{
		{"Tickets/ListFilters", testTicketListFilters},
		{"Tickets/ListSortsAndPaging", testTicketListSortsPaging},
		{"Tickets/ListPagingFilteredAsAgent", testTicketListPagingFiltered},
		{"Tickets/ListVisibility", testTicketListVisibility},
		{"Tickets/ListLimitClamp", testTicketListLimit},
		{"Tickets/ListAfterLastRowIsEmpty", testTicketListAfterLast},
	}
}

// checkTickets compares a list result with the model's, ids first (the
// clearest message), then every field of every row.
func checkTickets(t *testing.T, what string, got, want []*helpdesk.Ticket) {
	t.Helper()
	checkIDs(t, what, ids(got, ticketID), ids(want, ticketID))
	if len(got) == len(want) {
		checkEqual(t, what, got, want)
	}
	for _, tk := range got {
		if tk.Tags == nil {
			t.Errorf("%s: ticket %d has nil Tags", what, tk.ID)
		}
	}
}

// filterCase is one named ticket filter, without viewer or sort.
type filterCase struct {
	name string
	f    helpdesk.TicketFilter
}

// ticketFilterCases are the filters, alone and combined, that list and
// count tests run against the world.
func ticketFilterCases(w *ticketWorld) []filterCase {
	// updated_at values in the world: 1h + k s + 11µs for k in 0..9, then
	// 90m + 5µs and 2h + 3µs for the tickets updated later. The cut at
	// 1h + 6s + 11µs is exactly one ticket group's time, so >= (and not >)
	// is what the store must apply.
	cut := at(time.Hour + 6*time.Second + 11*time.Microsecond)
	return []filterCase{
		{"None", helpdesk.TicketFilter{}},
		{"Status", helpdesk.TicketFilter{Statuses: []helpdesk.Status{helpdesk.StatusOpen}}},
		{"Statuses", helpdesk.TicketFilter{Statuses: []helpdesk.Status{"new", "pending", "solved"}}},
		{"Priority", helpdesk.TicketFilter{Priorities: []helpdesk.Priority{helpdesk.PriorityUrgent}}},
		{"Priorities", helpdesk.TicketFilter{Priorities: []helpdesk.Priority{"low", "high"}}},
		{"Type", helpdesk.TicketFilter{Types: []helpdesk.TicketType{helpdesk.TypeIncident}}},
		{"Types", helpdesk.TicketFilter{Types: []helpdesk.TicketType{"question", "task"}}},
		{"Assignee", helpdesk.TicketFilter{AssigneeID: &w.agent.ID}},
		{"Unassigned", helpdesk.TicketFilter{Unassigned: true}},
		{"Team", helpdesk.TicketFilter{TeamID: &w.teamA.ID}},
		{"TeamIDsOne", helpdesk.TicketFilter{TeamIDs: []int64{w.teamB.ID}}},
		{"TeamIDsTwo", helpdesk.TicketFilter{TeamIDs: []int64{w.teamA.ID, w.teamC.ID}}},
		{"TeamIDsWithUnknown", helpdesk.TicketFilter{TeamIDs: []int64{w.teamB.ID, w.teamC.ID + 99}}},
		{"NoTeam", helpdesk.TicketFilter{NoTeam: true}},
		{"UpdatedAfter", helpdesk.TicketFilter{UpdatedAfter: &cut}},
		{"UpdatedAfterLaterUpdates", helpdesk.TicketFilter{UpdatedAfter: ptr(at(90 * time.Minute))}},
		{"Requester", helpdesk.TicketFilter{RequesterID: &w.cust2.ID}},
		{"Tag", helpdesk.TicketFilter{Tag: "billing"}},
		{"TagAfterUpdate", helpdesk.TicketFilter{Tag: "escalated"}},
		{"StatusAndPriority", helpdesk.TicketFilter{Statuses: []helpdesk.Status{"new", "open", "pending"},
			Priorities: []helpdesk.Priority{"high", "urgent"}}},
		{"TeamAndTag", helpdesk.TicketFilter{TeamID: &w.teamA.ID, Tag: "billing"}},
		{"TeamIDsAndStatuses", helpdesk.TicketFilter{TeamIDs: []int64{w.teamA.ID, w.teamB.ID},
			Statuses: []helpdesk.Status{"new", "open", "pending", "on_hold"}}},
		{"NoTeamAndUnassigned", helpdesk.TicketFilter{NoTeam: true, Unassigned: true}},
		{"UpdatedAfterAndTag", helpdesk.TicketFilter{UpdatedAfter: &cut, Tag: "billing"}},
		{"AssigneeAndStatusAndType", helpdesk.TicketFilter{AssigneeID: &w.agent2.ID,
			Statuses: []helpdesk.Status{"new", "open", "on_hold", "closed"}, Types: []helpdesk.TicketType{"question", "problem"}}},
		{"UnassignedAndRequesterAndTag", helpdesk.TicketFilter{Unassigned: true, RequesterID: &w.cust.ID, Tag: "billing"}},
		{"EverythingAtOnce", helpdesk.TicketFilter{Statuses: helpdesk.Statuses, Priorities: helpdesk.Priorities,
			Types: helpdesk.TicketTypes, AssigneeID: &w.agent.ID, TeamID: &w.teamA.ID, RequesterID: &w.cust.ID, Tag: "billing"}},
	}
}

func testTicketListFilters(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	cases := ticketFilterCases(w)
	for _, c := range cases {
		for _, v := range []helpdesk.Viewer{
			{UserID: w.admin.ID, Role: helpdesk.RoleAdmin}, {UserID: w.agent.ID, Role: helpdesk.RoleAgent},
		} {
			f := c.f
			f.Viewer, f.Sort, f.Limit = v, helpdesk.SortUpdatedDesc, 1000
			want := w.want(f)
			if len(want) == 0 && c.name != "EverythingAtOnce" {
				t.Fatalf("fixture: filter %s as %s matches nothing; the test would prove little", c.name, v.Role)
			}
			got, err := s.ListTickets(t.Context(), f)
			if err != nil {
				t.Errorf("ListTickets(%s as %s): %v", c.name, v.Role, err)
				continue
			}
			checkTickets(t, fmt.Sprintf("ListTickets(%s as %s)", c.name, v.Role), got, want)
		}
	}
	// A tag matches whole: a prefix, a suffix or a LIKE pattern is no match.
	for _, tag := range []string{"no-such-tag", "bill", "illing", "bil%", "billing vip"} {
		f := adminFilter(w.admin.ID, helpdesk.SortUpdatedDesc)
		f.Tag = tag
		got, err := s.ListTickets(t.Context(), f)
		must(t, "ListTickets(Tag "+tag+")", err)
		if got == nil || len(got) != 0 {
			t.Errorf("ListTickets(Tag %q): got %v, want empty non-nil", tag, ids(got, ticketID))
		}
	}
}

func testTicketListSortsPaging(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	for _, sort := range helpdesk.TicketSorts {
		f := adminFilter(w.admin.ID, sort)
		want := w.want(f)
		for _, size := range []int{1, 5, 7, 1000} {
			got := listAll(t, s, f, size)
			checkTickets(t, fmt.Sprintf("sort %s, pages of %d", sort, size), got, want)
		}
	}
}

func testTicketListPagingFiltered(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	for _, sort := range helpdesk.TicketSorts {
		f := helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleAgent},
			Statuses: []helpdesk.Status{"new", "open", "pending", "on_hold"}, Sort: sort}
		want := w.want(f)
		got := listAll(t, s, f, 3)
		checkTickets(t, fmt.Sprintf("agent, open statuses, sort %s, pages of 3", sort), got, want)

		f = helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.cust.ID, Role: helpdesk.RoleCustomer},
			Tag: "billing", Sort: sort}
		got = listAll(t, s, f, 2)
		checkTickets(t, fmt.Sprintf("customer, tag billing, sort %s, pages of 2", sort), got, w.want(f))
	}
}

func testTicketListVisibility(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	viewers := []struct {
		name string
		v    helpdesk.Viewer
	}{
		{"Admin", helpdesk.Viewer{UserID: w.admin.ID, Role: helpdesk.RoleAdmin}},
		{"AgentOfTeamA", helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleAgent}},
		{"AgentOfTeamsBAndC", helpdesk.Viewer{UserID: w.agent2.ID, Role: helpdesk.RoleAgent}},
		{"AgentOfTeamC", helpdesk.Viewer{UserID: w.admin.ID, Role: helpdesk.RoleAgent}},
		{"AgentWithoutTeams", helpdesk.Viewer{UserID: w.cust.ID, Role: helpdesk.RoleAgent}},
		{"Customer", helpdesk.Viewer{UserID: w.cust.ID, Role: helpdesk.RoleCustomer}},
		{"Customer2", helpdesk.Viewer{UserID: w.cust2.ID, Role: helpdesk.RoleCustomer}},
		{"CustomerWithoutTickets", helpdesk.Viewer{UserID: w.agent.ID, Role: helpdesk.RoleCustomer}},
		{"EmptyRole", helpdesk.Viewer{UserID: w.admin.ID}},
		{"UnknownRole", helpdesk.Viewer{UserID: w.admin.ID, Role: "superuser"}},
		{"ZeroViewer", helpdesk.Viewer{}},
	}
	for _, c := range viewers {
		f := helpdesk.TicketFilter{Viewer: c.v, Sort: helpdesk.SortIDAsc, Limit: 1000}
		got, err := s.ListTickets(t.Context(), f)
		if err != nil {
			t.Errorf("ListTickets(as %s): %v", c.name, err)
			continue
		}
		checkIDs(t, "ListTickets(as "+c.name+")", ids(got, ticketID), ids(w.want(f), ticketID))
	}
	// The fixture must hold the interesting case: a ticket of another team
	// assigned to the agent, visible only through the assignment.
	found := false
	for _, tk := range w.tickets {
		found = found || (tk.TeamID != nil && *tk.TeamID == w.teamB.ID && tk.AssigneeID != nil && *tk.AssigneeID == w.agent.ID)
	}
	if !found {
		t.Fatalf("fixture: no team-B ticket assigned to the team-A agent")
	}
}

func testTicketListLimit(t *testing.T, s helpdesk.Store) {
	cust := mustCreateUser(t, s, "many@shop.example", "Many", helpdesk.RoleCustomer)
	const n = 1005
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		for range n {
			if err := tx.CreateTicket(ctx, newTicket(cust.ID, "bulk")); err != nil {
				return err
			}
		}
		return nil
	})
	for _, c := range []struct{ limit, want int }{{0, 50}, {1, 1}, {2, 2}, {50, 50}, {999, 999}, {1000, 1000}, {5000, 1000}} {
		f := adminFilter(cust.ID, helpdesk.SortUpdatedDesc)
		f.Limit = c.limit
		got, err := s.ListTickets(t.Context(), f)
		if err != nil {
			t.Errorf("ListTickets(Limit %d): %v", c.limit, err)
			continue
		}
		if len(got) != c.want {
			t.Errorf("ListTickets(Limit %d): got %d rows, want %d", c.limit, len(got), c.want)
		}
	}
}

func testTicketListAfterLast(t *testing.T, s helpdesk.Store) {
	w := seedTicketWorld(t, s)
	for _, sort := range helpdesk.TicketSorts {
		f := adminFilter(w.admin.ID, sort)
		all := w.want(f)
		c := helpdesk.CursorFor(sort, all[len(all)-1])
		f.After = &c
		got, err := s.ListTickets(t.Context(), f)
		if err != nil {
			t.Errorf("ListTickets(sort %s, after last): %v", sort, err)
			continue
		}
		if got == nil || len(got) != 0 {
			t.Errorf("ListTickets(sort %s, after last): got %v, want empty non-nil", sort, ids(got, ticketID))
		}
		// From the first row's cursor, everything but the first row follows.
		c = helpdesk.CursorFor(sort, all[0])
		f.After = &c
		got, err = s.ListTickets(t.Context(), f)
		must(t, "ListTickets(after first)", err)
		checkIDs(t, fmt.Sprintf("sort %s, after first row", sort), ids(got, ticketID), ids(all[1:], ticketID))
	}
}
