package sqlite_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// listFixture is a small helpdesk: an agent in one of two teams, and
// tickets spread over teams, assignees, tags and tied timestamps.
type listFixture struct {
	db      *sqlite.DB
	agent   *helpdesk.User
	tickets []*helpdesk.Ticket
}

func newListFixture(t *testing.T) *listFixture {
	db := MustOpenDB(t)
	fx := &listFixture{db: db, agent: mustUser(t, db, "agent@example.com", helpdesk.RoleAgent)}
	other := mustUser(t, db, "other@example.com", helpdesk.RoleAgent)
	cust := mustUser(t, db, "cust@example.com", helpdesk.RoleCustomer)
	mine, theirs := newTeam("Mine"), newTeam("Theirs")
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		for _, tm := range []*helpdesk.Team{mine, theirs} {
			if err := tx.CreateTeam(ctx, tm); err != nil {
				return err
			}
		}
		if err := tx.AddTeamMember(ctx, mine.ID, fx.agent.ID); err != nil {
			return err
		}
		for i := range 23 {
			tk := &helpdesk.Ticket{
				Subject: fmt.Sprintf("ticket %d", i), Status: helpdesk.Statuses[i%6],
				Priority: helpdesk.Priorities[i%4], Type: helpdesk.TicketTypes[i%4], RequesterID: cust.ID,
				// Every third ticket shares its timestamps with the one
				// before, so ties must be broken by id.
				CreatedAt: base.Add(time.Duration(i-i%3) * time.Minute),
				UpdatedAt: base.Add(time.Duration(50-i+i%3) * time.Minute),
			}
			switch i % 4 {
			case 0:
				tk.TeamID = &mine.ID
			case 1:
				tk.TeamID = &theirs.ID
			case 2:
				tk.TeamID, tk.AssigneeID = &theirs.ID, &fx.agent.ID
			}
			if i%5 == 0 {
				tk.AssigneeID = &other.ID
			}
			if i%2 == 0 {
				tk.Tags = []string{"billing", fmt.Sprintf("t%d", i%3)}
			}
			if err := tx.CreateTicket(ctx, tk); err != nil {
				return err
			}
			fx.tickets = append(fx.tickets, tk)
		}
		return nil
	})
	return fx
}

// want returns, in sort order, the ids of the fixture's tickets that keep
// holds for.
func (fx *listFixture) want(s helpdesk.TicketSort, keep func(*helpdesk.Ticket) bool) []int64 {
	var ts []*helpdesk.Ticket
	for _, tk := range fx.tickets {
		if keep(tk) {
			ts = append(ts, tk)
		}
	}
	slices.SortFunc(ts, func(a, b *helpdesk.Ticket) int {
		ca, cb := helpdesk.CursorFor(s, a), helpdesk.CursorFor(s, b)
		c := cmp.Or(cmp.Compare(ca.Key, cb.Key), cmp.Compare(ca.ID, cb.ID))
		if s.Desc() {
			return -c
		}
		return c
	})
	ids := []int64{}
	for _, tk := range ts {
		ids = append(ids, tk.ID)
	}
	return ids
}

// pageAll reads every page of f, limit rows at a time.
func (fx *listFixture) pageAll(t *testing.T, f helpdesk.TicketFilter, limit int) []int64 {
	t.Helper()
	f.Limit = limit
	ids := []int64{}
	for range 100 {
		page, err := fx.db.ListTickets(t.Context(), f)
		if err != nil {
			t.Fatalf("ListTickets: %v", err)
		}
		for _, tk := range page {
			ids = append(ids, tk.ID)
		}
		if len(page) < limit {
			return ids
		}
		sort := cmp.Or(f.Sort, helpdesk.SortUpdatedDesc)
		c := helpdesk.CursorFor(sort, page[len(page)-1])
		f.After = &c
	}
	t.Fatal("paging did not end")
	return nil
}

func TestListTicketsPaging(t *testing.T) {
	fx := newListFixture(t)
	admin := helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}
	agent := helpdesk.Viewer{UserID: fx.agent.ID, Role: helpdesk.RoleAgent}
	visible := func(tk *helpdesk.Ticket) bool {
		return tk.TeamID == nil || *tk.TeamID == *fx.tickets[0].TeamID ||
			(tk.AssigneeID != nil && *tk.AssigneeID == fx.agent.ID)
	}
	tagged := func(tk *helpdesk.Ticket) bool { return slices.Contains(tk.Tags, "billing") }
	for _, s := range helpdesk.TicketSorts {
		for _, tc := range []struct {
			name string
			f    helpdesk.TicketFilter
			keep func(*helpdesk.Ticket) bool
		}{
			{"All", helpdesk.TicketFilter{Viewer: admin}, func(*helpdesk.Ticket) bool { return true }},
			{"Agent", helpdesk.TicketFilter{Viewer: agent}, visible},
			{"Tag", helpdesk.TicketFilter{Viewer: admin, Tag: "billing"}, tagged},
			{"AgentTag", helpdesk.TicketFilter{Viewer: agent, Tag: "billing"},
				func(tk *helpdesk.Ticket) bool { return visible(tk) && tagged(tk) }},
		} {
			t.Run(string(s)+"/"+tc.name, func(t *testing.T) {
				tc.f.Sort = s
				want := fx.want(s, tc.keep)
				for _, limit := range []int{2, 5, 1000} {
					if got := fx.pageAll(t, tc.f, limit); !slices.Equal(got, want) {
						t.Errorf("limit %d: got %v, want %v", limit, got, want)
					}
				}
			})
		}
	}
}

// TestTagListFollowsUpdates checks that the tag list, which orders by the
// copy of updated_at kept in ticket_tags, follows ticket updates.
func TestTagListFollowsUpdates(t *testing.T) {
	fx := newListFixture(t)
	first, second := fx.tickets[0], fx.tickets[2]
	mustUpdate(t, fx.db, func(ctx context.Context, tx helpdesk.Tx) error {
		first.UpdatedAt = base.Add(24 * time.Hour)
		first.Tags = []string{"billing", "vip"}
		if err := tx.UpdateTicket(ctx, first); err != nil {
			return err
		}
		second.UpdatedAt = base.Add(25 * time.Hour)
		second.Tags = []string{"vip"}
		return tx.UpdateTicket(ctx, second)
	})
	admin := helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}
	for _, tag := range []string{"billing", "vip", "t0"} {
		want := fx.want(helpdesk.SortUpdatedDesc, func(tk *helpdesk.Ticket) bool { return slices.Contains(tk.Tags, tag) })
		got := fx.pageAll(t, helpdesk.TicketFilter{Viewer: admin, Tag: tag}, 3)
		if !slices.Equal(got, want) {
			t.Errorf("tag %s: got %v, want %v", tag, got, want)
		}
	}
	got, err := fx.db.FindTicketByID(t.Context(), second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Tags, []string{"vip"}) {
		t.Errorf("tags got %v, want [vip]", got.Tags)
	}
}
