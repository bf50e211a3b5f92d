package postgres_test

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/postgres"
)

// bulkTickets makes n tickets between requester and agent: some with no
// comments, some with internal notes, with unsorted tags and every
// optional field both set and not.
func bulkTickets(n int, requester, agent int64) ([]*helpdesk.Ticket, [][]*helpdesk.Comment) {
	var tickets []*helpdesk.Ticket
	var comments [][]*helpdesk.Comment
	for i := range n {
		at := now.Add(time.Duration(i) * time.Hour)
		later := at.Add(time.Minute)
		t := &helpdesk.Ticket{
			Subject: fmt.Sprintf("Printer number%d jams", i), Status: helpdesk.StatusOpen,
			Priority: helpdesk.Priorities[i%4], Type: helpdesk.TypeIncident, RequesterID: requester,
			Tags: []string{"zeta", "alpha"}, CreatedAt: at, UpdatedAt: later,
		}
		var cs []*helpdesk.Comment
		if i%5 != 0 {
			cs = append(cs, &helpdesk.Comment{AuthorID: requester, Body: fmt.Sprintf("It jams.\n\nSince monday%d.", i),
				BodyHTML: "<p>It jams.</p>", CreatedAt: at})
		}
		if i%3 == 0 {
			t.Tags = nil
			cs = append(cs, &helpdesk.Comment{AuthorID: agent, Body: fmt.Sprintf("Note secret%d.", i),
				BodyHTML: "<p>Note.</p>", Internal: true, CreatedAt: at.Add(time.Second)})
		}
		if i%2 == 0 {
			t.AssigneeID, t.FirstResponseAt = &agent, &later
			t.Status, t.SolvedAt = helpdesk.StatusSolved, &later
			cs = append(cs, &helpdesk.Comment{AuthorID: agent, Body: "Fixed, reply9 here.",
				BodyHTML: "<p>Fixed.</p>", CreatedAt: later})
		}
		tickets, comments = append(tickets, t), append(comments, cs)
	}
	return tickets, comments
}

// batches yields tickets and their comments size at a time.
func batches(tickets []*helpdesk.Ticket, comments [][]*helpdesk.Comment, size int) iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment] {
	return func(yield func([]*helpdesk.Ticket, [][]*helpdesk.Comment) bool) {
		for i := 0; i < len(tickets); i += size {
			j := min(i+size, len(tickets))
			if !yield(tickets[i:j], comments[i:j]) {
				return
			}
		}
	}
}

func TestLoadTickets(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	requester := mustCreateUser(t, db, "req@example.com", helpdesk.RoleCustomer)
	agent := mustCreateUser(t, db, "agent@example.com", helpdesk.RoleAgent)
	// A ticket made the usual way first, so the loaded ids must follow it.
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.CreateTicket(ctx, &helpdesk.Ticket{Subject: "First", Status: helpdesk.StatusNew,
			Priority: helpdesk.PriorityLow, Type: helpdesk.TypeTask, RequesterID: requester.ID,
			CreatedAt: now, UpdatedAt: now})
	})
	tickets, comments := bulkTickets(45, requester.ID, agent.ID)
	if err := db.LoadTickets(ctx, batches(tickets, comments, 20)); err != nil {
		t.Fatal(err)
	}

	t.Run("Stored", func(t *testing.T) {
		for i, want := range tickets {
			if want.ID != int64(i+2) {
				t.Fatalf("ticket %d got id %d, want %d", i, want.ID, i+2)
			}
			got, err := db.FindTicketByID(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ticket %d:\ngot  %+v\nwant %+v", want.ID, got, want)
			}
			cs, err := db.ListComments(ctx, helpdesk.CommentFilter{TicketID: want.ID, IncludeInternal: true})
			if err != nil {
				t.Fatal(err)
			}
			if wantCs := append([]*helpdesk.Comment{}, comments[i]...); !reflect.DeepEqual(cs, wantCs) {
				t.Errorf("comments of ticket %d:\ngot  %+v\nwant %+v", want.ID, cs, wantCs)
			}
		}
	})
	t.Run("Tags", func(t *testing.T) {
		var want, got []string
		for _, tk := range tickets {
			for _, tag := range tk.Tags {
				want = append(want, fmt.Sprintf("%d %s", tk.ID, tag))
			}
		}
		rows, err := db.Pool().Query(ctx, `SELECT ticket_id || ' ' || tag FROM ticket_tags ORDER BY ticket_id, tag`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			got = append(got, s)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ticket_tags:\ngot  %q\nwant %q", got, want)
		}
	})
	t.Run("Search", func(t *testing.T) {
		for _, tc := range []struct {
			column, word string
			want         []int64
		}{
			{"everything", "number7", []int64{9}}, {"everything", "monday7", []int64{9}},
			{"everything", "secret9", []int64{11}}, {"public", "secret9", nil},
			{"public", "number44", []int64{46}}, {"everything", "first", []int64{1}},
		} {
			if got := searchIDs(t, db, tc.column, tc.word); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s @@ %s: got %v, want %v", tc.column, tc.word, got, tc.want)
			}
		}
		if got := searchIDs(t, db, "public", "reply9"); len(got) != 23 {
			t.Errorf("public @@ reply9: got %d tickets, want the 23 even ones", len(got))
		}
		var rows int
		if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM ticket_search`).Scan(&rows); err != nil || rows != 46 {
			t.Errorf("got %d ticket_search rows (%v), want 46", rows, err)
		}
	})
	t.Run("TriggersAfter", func(t *testing.T) {
		mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateComment(ctx, &helpdesk.Comment{TicketID: 5, AuthorID: agent.ID,
				Body: "Late answer", BodyHTML: "<p>Late answer</p>", CreatedAt: now})
		})
		if got := searchIDs(t, db, "public", "late"); !reflect.DeepEqual(got, []int64{5}) {
			t.Errorf("public @@ late: got %v, want [5]", got)
		}
	})
}

// TestLoadTickets_Rollback checks that a load that fails stores nothing.
func TestLoadTickets_Rollback(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	requester := mustCreateUser(t, db, "req@example.com", helpdesk.RoleCustomer)
	missing := int64(999)
	for _, tc := range []struct {
		name  string
		spoil func(t *helpdesk.Ticket, c *helpdesk.Comment)
	}{
		{"BadStatus", func(t *helpdesk.Ticket, _ *helpdesk.Comment) { t.Status = "bogus" }},
		{"NoSuchRequester", func(t *helpdesk.Ticket, _ *helpdesk.Comment) { t.RequesterID = missing }},
		{"NoSuchTeam", func(t *helpdesk.Ticket, _ *helpdesk.Comment) { t.TeamID = &missing }},
		{"NoSuchAuthor", func(_ *helpdesk.Ticket, c *helpdesk.Comment) { c.AuthorID = missing }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tickets, comments := bulkTickets(30, requester.ID, requester.ID)
			tc.spoil(tickets[26], comments[26][0])
			err := db.LoadTickets(ctx, batches(tickets, comments, 10))
			if got := helpdesk.ErrorCode(err); got != helpdesk.EINVALID {
				t.Errorf("got code %q (err %v), want %q", got, err, helpdesk.EINVALID)
			}
			var n int
			err = db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM comments)
				+ (SELECT count(*) FROM ticket_search)`).Scan(&n)
			if err != nil || n != 0 {
				t.Errorf("got %d rows after a failed load (%v), want none", n, err)
			}
		})
	}
}

// searchIDs returns the tickets whose ticket_search column matches word.
func searchIDs(t *testing.T, db *postgres.DB, column, word string) []int64 {
	t.Helper()
	rows, err := db.Pool().Query(context.Background(),
		`SELECT ticket_id FROM ticket_search WHERE `+column+` @@ to_tsquery('simple', $1) ORDER BY ticket_id`, word)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}
