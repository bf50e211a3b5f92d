package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func ticketTests() []test {
	return []test{
		{"Tickets/CreateFindRoundTrip", testTicketRoundTrip},
		{"Tickets/MinimalRoundTrip", testTicketMinimal},
		{"Tickets/IDsAreSequential", testTicketSequential},
		{"Tickets/FindMissing", testTicketFindMissing},
		{"Tickets/CreateUnknownRequester", testTicketUnknownRequester},
		{"Tickets/UpdateEveryField", testTicketUpdate},
		{"Tickets/UpdateClearsOptionalFields", testTicketUpdateClears},
		{"Tickets/UpdateMissing", testTicketUpdateMissing},
	}
}

func ticketID(t *helpdesk.Ticket) int64 { return t.ID }

// ticketPeople is who the single-ticket tests need.
type ticketPeople struct {
	cust, agent, agent2 *helpdesk.User
	team, team2         *helpdesk.Team
}

func seedTicketPeople(t *testing.T, s helpdesk.Store) ticketPeople {
	t.Helper()
	return ticketPeople{
		cust:   mustCreateUser(t, s, "cust@shop.example", "Cust", helpdesk.RoleCustomer),
		agent:  mustCreateUser(t, s, "agent@corp.example", "Agent", helpdesk.RoleAgent),
		agent2: mustCreateUser(t, s, "agent2@corp.example", "Agent Two", helpdesk.RoleAgent),
		team:   mustCreateTeam(t, s, "Support"),
		team2:  mustCreateTeam(t, s, "Billing"),
	}
}

func testTicketRoundTrip(t *testing.T, s helpdesk.Store) {
	p := seedTicketPeople(t, s)
	solved, responded := at(3*time.Hour+3*time.Microsecond), at(time.Hour+999999*time.Microsecond)
	want := &helpdesk.Ticket{
		Subject: "Printer on fire — «urgent» 🔥", Status: helpdesk.StatusSolved, Priority: helpdesk.PriorityHigh,
		Type: helpdesk.TypeIncident, RequesterID: p.cust.ID, AssigneeID: &p.agent.ID, TeamID: &p.team.ID,
		Tags:      []string{"billing", "hardware:printer", "vip"},
		CreatedAt: at(time.Microsecond), UpdatedAt: at(4*time.Hour + 1*time.Microsecond),
		SolvedAt: &solved, FirstResponseAt: &responded,
	}
	mustCreateTicket(t, s, want)
	got, err := s.FindTicketByID(t.Context(), want.ID)
	must(t, "FindTicketByID", err)
	checkEqual(t, "FindTicketByID", got, want)

	// Reads inside a transaction see the same row.
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		got, err := tx.FindTicketByID(ctx, want.ID)
		if err != nil {
			return err
		}
		checkEqual(t, "Tx.FindTicketByID", got, want)
		return nil
	})
}

func testTicketMinimal(t *testing.T, s helpdesk.Store) {
	p := seedTicketPeople(t, s)
	want := newTicket(p.cust.ID, "No tags")
	want.Tags = nil
	mustCreateTicket(t, s, want)
	got, err := s.FindTicketByID(t.Context(), want.ID)
	must(t, "FindTicketByID", err)
	if got.Tags == nil {
		t.Errorf("FindTicketByID: Tags is nil, want an empty non-nil slice")
	}
	want.Tags = []string{}
	checkEqual(t, "FindTicketByID(minimal)", got, want)
	list, err := s.ListTickets(t.Context(), adminFilter(p.agent.ID, helpdesk.SortIDAsc))
	must(t, "ListTickets", err)
	for _, tk := range list {
		if tk.Tags == nil {
			t.Errorf("ListTickets: ticket %d has nil Tags, want an empty non-nil slice", tk.ID)
		}
	}
}

// adminFilter returns a filter that sees every ticket.
func adminFilter(adminID int64, sort helpdesk.TicketSort) helpdesk.TicketFilter {
	return helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: adminID, Role: helpdesk.RoleAdmin},
		Sort: sort, Limit: 1000}
}

func testTicketSequential(t *testing.T, s helpdesk.Store) {
	p := seedTicketPeople(t, s)
	var prev int64
	for i := range 5 {
		tk := mustCreateTicket(t, s, newTicket(p.cust.ID, "seq"))
		if i > 0 && tk.ID <= prev {
			t.Errorf("ticket %d: id got %d, want > %d", i, tk.ID, prev)
		}
		prev = tk.ID
	}
}

func testTicketFindMissing(t *testing.T, s helpdesk.Store) {
	_, err := s.FindTicketByID(t.Context(), 12345)
	wantCode(t, "FindTicketByID(missing)", err, helpdesk.ENOTFOUND)
}

func testTicketUnknownRequester(t *testing.T, s helpdesk.Store) {
	tk := newTicket(999, "orphan")
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTicket(ctx, tk) })
	wantCode(t, "CreateTicket(unknown requester: foreign key violation)", err, helpdesk.EINVALID)
}

func testTicketUpdate(t *testing.T, s helpdesk.Store) {
	p := seedTicketPeople(t, s)
	orig := newTicket(p.cust.ID, "Before")
	orig.AssigneeID, orig.TeamID, orig.Tags = &p.agent.ID, &p.team.ID, []string{"old", "shared"}
	mustCreateTicket(t, s, orig)
	bystander := newTicket(p.cust.ID, "Bystander")
	bystander.Tags = []string{"old"}
	mustCreateTicket(t, s, bystander)

	solved, responded := at(2*time.Hour+11*time.Microsecond), at(time.Hour+13*time.Microsecond)
	want := *orig
	want.Subject, want.Status, want.Priority = "After", helpdesk.StatusSolved, helpdesk.PriorityUrgent
	want.Type, want.AssigneeID, want.TeamID = helpdesk.TypeProblem, &p.agent2.ID, &p.team2.ID
	want.Tags, want.UpdatedAt = []string{"new", "shared"}, at(2*time.Hour+17*time.Microsecond)
	want.SolvedAt, want.FirstResponseAt = &solved, &responded
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTicket(ctx, &want) })

	got, err := s.FindTicketByID(t.Context(), orig.ID)
	must(t, "FindTicketByID", err)
	checkEqual(t, "after UpdateTicket", got, &want)
	got, err = s.FindTicketByID(t.Context(), bystander.ID)
	must(t, "FindTicketByID(bystander)", err)
	checkEqual(t, "bystander after UpdateTicket", got, bystander)

	byTag := func(tag string) []int64 {
		f := adminFilter(p.agent.ID, helpdesk.SortIDAsc)
		f.Tag = tag
		list, err := s.ListTickets(t.Context(), f)
		must(t, "ListTickets(Tag "+tag+")", err)
		return ids(list, ticketID)
	}
	checkIDs(t, "Tag old after update", byTag("old"), []int64{bystander.ID})
	checkIDs(t, "Tag new after update", byTag("new"), []int64{orig.ID})
	checkIDs(t, "Tag shared after update", byTag("shared"), []int64{orig.ID})

	// The priority sort must see the new priority (a store keeping a rank
	// column must keep it in sync).
	list, err := s.ListTickets(t.Context(), adminFilter(p.agent.ID, helpdesk.SortPriorityDesc))
	must(t, "ListTickets(-priority)", err)
	checkIDs(t, "ListTickets(-priority) after update", ids(list, ticketID), []int64{orig.ID, bystander.ID})
}

func testTicketUpdateClears(t *testing.T, s helpdesk.Store) {
	p := seedTicketPeople(t, s)
	solved := at(time.Hour)
	orig := newTicket(p.cust.ID, "Clear me")
	orig.AssigneeID, orig.TeamID, orig.Tags = &p.agent.ID, &p.team.ID, []string{"a", "b"}
	orig.SolvedAt, orig.FirstResponseAt, orig.Status = &solved, &solved, helpdesk.StatusSolved
	mustCreateTicket(t, s, orig)

	want := *orig
	want.AssigneeID, want.TeamID, want.Tags = nil, nil, []string{}
	want.SolvedAt, want.FirstResponseAt, want.Status = nil, nil, helpdesk.StatusOpen
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTicket(ctx, &want) })
	got, err := s.FindTicketByID(t.Context(), orig.ID)
	must(t, "FindTicketByID", err)
	checkEqual(t, "after clearing UpdateTicket", got, &want)
	if got.Tags == nil {
		t.Errorf("after clearing tags: Tags is nil, want empty non-nil")
	}
	f := adminFilter(p.agent.ID, helpdesk.SortIDAsc)
	f.Tag = "a"
	list, err := s.ListTickets(t.Context(), f)
	must(t, "ListTickets(Tag a)", err)
	checkIDs(t, "Tag a after clearing tags", ids(list, ticketID), []int64{})
	f = adminFilter(p.agent.ID, helpdesk.SortIDAsc)
	f.Unassigned = true
	list, err = s.ListTickets(t.Context(), f)
	must(t, "ListTickets(Unassigned)", err)
	checkIDs(t, "Unassigned after clearing assignee", ids(list, ticketID), []int64{orig.ID})
}

func testTicketUpdateMissing(t *testing.T, s helpdesk.Store) {
	p := seedTicketPeople(t, s)
	ghost := newTicket(p.cust.ID, "ghost")
	ghost.ID = 5555
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTicket(ctx, ghost) })
	wantCode(t, "UpdateTicket(missing)", err, helpdesk.ENOTFOUND)
}
