package storetest

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// ticketWorld is a fixed set of tickets with many ties on every sort key,
// plus an in-memory model of ListTickets to check the stores against.
type ticketWorld struct {
	admin, agent, agent2, cust, cust2 *helpdesk.User
	teamA, teamB, teamC               *helpdesk.Team
	teamsOf                           map[int64][]int64 // user id -> team ids
	tickets                           []*helpdesk.Ticket
}

// worldSize is how many tickets seedTicketWorld creates.
const worldSize = 48

// seedTicketWorld creates the users, teams and tickets of a ticketWorld.
// Ticket i's fields are functions of i chosen so that every filter matches
// several tickets and every sort key has ties.
func seedTicketWorld(t *testing.T, s helpdesk.Store) *ticketWorld {
	t.Helper()
	w := &ticketWorld{
		admin:  mustCreateUser(t, s, "admin@corp.example", "Admin", helpdesk.RoleAdmin),
		agent:  mustCreateUser(t, s, "agent@corp.example", "Agent", helpdesk.RoleAgent),
		agent2: mustCreateUser(t, s, "agent2@corp.example", "Agent Two", helpdesk.RoleAgent),
		cust:   mustCreateUser(t, s, "cust@shop.example", "Cust", helpdesk.RoleCustomer),
		cust2:  mustCreateUser(t, s, "cust2@shop.example", "Cust Two", helpdesk.RoleCustomer),
		teamA:  mustCreateTeam(t, s, "Alpha"),
		teamB:  mustCreateTeam(t, s, "Bravo"),
		teamC:  mustCreateTeam(t, s, "Charlie"),
	}
	// agent2 belongs to two teams, and the admin to one (which must not
	// narrow what an admin sees).
	mustAddMember(t, s, w.teamA.ID, w.agent.ID)
	mustAddMember(t, s, w.teamB.ID, w.agent2.ID)
	mustAddMember(t, s, w.teamC.ID, w.agent2.ID)
	mustAddMember(t, s, w.teamC.ID, w.admin.ID)
	w.teamsOf = map[int64][]int64{w.agent.ID: {w.teamA.ID}, w.agent2.ID: {w.teamB.ID, w.teamC.ID},
		w.admin.ID: {w.teamC.ID}}

	for i := range worldSize {
		w.tickets = append(w.tickets, w.ticket(i))
	}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		for _, tk := range w.tickets {
			if err := tx.CreateTicket(ctx, tk); err != nil {
				return err
			}
		}
		return nil
	})
	// Some tickets change after creation, so lists must reflect updates
	// (priority rank, tags, updated_at) and not only inserts.
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		for _, tk := range w.tickets[:6] {
			tk.Priority, tk.Tags = helpdesk.PriorityUrgent, []string{"escalated"}
			tk.UpdatedAt = at(2*time.Hour + 3*time.Microsecond)
			if err := tx.UpdateTicket(ctx, tk); err != nil {
				return err
			}
		}
		// These keep their tags but move in time: a store that copies
		// updated_at into a tag index must keep the copy in sync.
		for _, tk := range w.tickets[8:15] {
			tk.Status, tk.UpdatedAt = helpdesk.StatusOpen, at(90*time.Minute+5*time.Microsecond)
			if err := tx.UpdateTicket(ctx, tk); err != nil {
				return err
			}
		}
		return nil
	})
	return w
}

func (w *ticketWorld) ticket(i int) *helpdesk.Ticket {
	tk := newTicket(w.cust.ID, "World ticket")
	tk.Status = helpdesk.Statuses[i%len(helpdesk.Statuses)]
	tk.Priority = helpdesk.Priorities[(i/2)%len(helpdesk.Priorities)]
	tk.Type = helpdesk.TicketTypes[(i/3)%len(helpdesk.TicketTypes)]
	if i%3 == 0 {
		tk.RequesterID = w.cust2.ID
	}
	switch i % 5 {
	case 1:
		tk.AssigneeID = &w.agent.ID
	case 2:
		tk.AssigneeID = &w.agent2.ID
	case 4:
		tk.AssigneeID = &w.admin.ID
	}
	switch i % 4 {
	case 1:
		tk.TeamID = &w.teamA.ID
	case 2:
		tk.TeamID = &w.teamB.ID
	case 3:
		tk.TeamID = &w.teamC.ID
	}
	tk.Tags = [][]string{{}, {"billing"}, {"billing", "vip"}, {"bug"}}[(i/4)%4]
	// Creation times tie in threes; update times take ten values in an
	// order unrelated to creation, so each sort has ties and its own order.
	tk.CreatedAt = at(time.Duration(i/3)*time.Minute + 7*time.Microsecond)
	tk.UpdatedAt = at(time.Hour + time.Duration((i*7)%10)*time.Second + 11*time.Microsecond)
	if tk.Status == helpdesk.StatusSolved || tk.Status == helpdesk.StatusClosed {
		solved := tk.UpdatedAt
		tk.SolvedAt = &solved
	}
	return tk
}

// visible reports whether v may see tk, per the rule on helpdesk.Viewer.
func (w *ticketWorld) visible(v helpdesk.Viewer, tk *helpdesk.Ticket) bool {
	switch v.Role {
	case helpdesk.RoleAdmin:
		return true
	case helpdesk.RoleAgent:
		return tk.TeamID == nil || (tk.AssigneeID != nil && *tk.AssigneeID == v.UserID) ||
			slices.Contains(w.teamsOf[v.UserID], *tk.TeamID)
	case helpdesk.RoleCustomer:
		return tk.RequesterID == v.UserID
	}
	return false
}

// match reports whether tk passes f's filters and visibility.
func (w *ticketWorld) match(f helpdesk.TicketFilter, tk *helpdesk.Ticket) bool {
	eq := func(p *int64, v *int64) bool { return p == nil || (v != nil && *v == *p) }
	return w.visible(f.Viewer, tk) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, tk.Status)) &&
		(len(f.Priorities) == 0 || slices.Contains(f.Priorities, tk.Priority)) &&
		(len(f.Types) == 0 || slices.Contains(f.Types, tk.Type)) &&
		eq(f.AssigneeID, tk.AssigneeID) && (!f.Unassigned || tk.AssigneeID == nil) &&
		eq(f.TeamID, tk.TeamID) && eq(f.RequesterID, &tk.RequesterID) &&
		(len(f.TeamIDs) == 0 || (tk.TeamID != nil && slices.Contains(f.TeamIDs, *tk.TeamID))) &&
		(!f.NoTeam || tk.TeamID == nil) &&
		(f.UpdatedAfter == nil || !tk.UpdatedAt.Before(*f.UpdatedAfter)) &&
		(f.Tag == "" || slices.Contains(tk.Tags, f.Tag))
}

// want returns the whole ordered result of f (ignoring After and Limit).
func (w *ticketWorld) want(f helpdesk.TicketFilter) []*helpdesk.Ticket {
	var out []*helpdesk.Ticket
	for _, tk := range w.tickets {
		if w.match(f, tk) {
			out = append(out, tk)
		}
	}
	slices.SortFunc(out, func(a, b *helpdesk.Ticket) int { return compareTickets(f.Sort, a, b) })
	return out
}

// compareTickets orders a and b under s: the cursor key, then the id, both
// in the sort's direction. Using CursorFor's key keeps the model and the
// keyset cursors speaking the same language.
func compareTickets(s helpdesk.TicketSort, a, b *helpdesk.Ticket) int {
	ka, kb := helpdesk.CursorFor(s, a), helpdesk.CursorFor(s, b)
	c := cmp.Or(cmp.Compare(ka.Key, kb.Key), cmp.Compare(ka.ID, kb.ID))
	if s.Desc() {
		return -c
	}
	return c
}

// listAll pages through ListTickets with f, pageSize rows at a time, using
// CursorFor on each page's last row, and returns every row in order.
func listAll(t *testing.T, s helpdesk.Store, f helpdesk.TicketFilter, pageSize int) []*helpdesk.Ticket {
	t.Helper()
	f.Limit, f.After = pageSize, nil
	var all []*helpdesk.Ticket
	seen := make(map[int64]bool)
	for range worldSize + 2 {
		page, err := s.ListTickets(t.Context(), f)
		if err != nil {
			t.Fatalf("ListTickets(sort %s, after %+v): %v", f.Sort, f.After, err)
		}
		if len(page) > pageSize {
			t.Fatalf("ListTickets(Limit %d): got %d rows", pageSize, len(page))
		}
		for _, tk := range page {
			if seen[tk.ID] {
				t.Fatalf("ListTickets(sort %s, pages of %d): ticket %d returned twice (after %+v)",
					f.Sort, pageSize, tk.ID, f.After)
			}
			seen[tk.ID] = true
		}
		all = append(all, page...)
		if len(page) < pageSize {
			return all
		}
		c := helpdesk.CursorFor(f.Sort, page[len(page)-1])
		f.After = &c
	}
	t.Fatalf("ListTickets(sort %s): paging did not end after %d pages", f.Sort, worldSize+2)
	return nil
}
