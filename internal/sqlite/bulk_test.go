package sqlite_test

import (
	"context"
	"fmt"
	"iter"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// bulkTickets makes n tickets between requester and agent: some with no
// comments, some with internal notes, with multi-line bodies, unsorted
// tags and every optional field both set and not.
func bulkTickets(n int, requester, agent int64) ([]*helpdesk.Ticket, [][]*helpdesk.Comment) {
	var tickets []*helpdesk.Ticket
	var comments [][]*helpdesk.Comment
	for i := range n {
		at := base.Add(time.Duration(i) * time.Hour)
		t := &helpdesk.Ticket{
			Subject: fmt.Sprintf("Printer number%d jams", i), Status: helpdesk.StatusOpen,
			Priority: helpdesk.Priorities[i%4], Type: helpdesk.TypeIncident, RequesterID: requester,
			Tags: []string{"zeta", "alpha"}, CreatedAt: at, UpdatedAt: at.Add(time.Minute),
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
			t.AssigneeID, t.FirstResponseAt = &agent, ptr(at.Add(time.Minute))
			t.Status, t.SolvedAt = helpdesk.StatusSolved, ptr(at.Add(time.Minute))
			cs = append(cs, &helpdesk.Comment{AuthorID: agent, Body: "Fixed, reply9 here.",
				BodyHTML: "<p>Fixed.</p>", CreatedAt: at.Add(time.Minute)})
		}
		tickets, comments = append(tickets, t), append(comments, cs)
	}
	return tickets, comments
}

func ptr[T any](v T) *T { return &v }

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
	ctx := t.Context()
	db := MustOpenDB(t)
	requester := mustUser(t, db, "req@example.com", helpdesk.RoleCustomer)
	agent := mustUser(t, db, "agent@example.com", helpdesk.RoleAgent)
	schema, pragmas := schemaOf(t, db), pragmasOf(t, db)
	tickets, comments := bulkTickets(95, requester.ID, agent.ID)
	if err := db.LoadTickets(ctx, batches(tickets, comments, 40)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(db.Path() + "-wal"); err != nil || fi.Size() != 0 {
		t.Errorf("the write-ahead log after the load: %v, %v; want it empty", fi.Size(), err)
	}

	t.Run("IDs", func(t *testing.T) {
		commentID := int64(1)
		for i, tk := range tickets {
			if tk.ID != int64(i+1) {
				t.Fatalf("ticket %d got id %d, want %d", i, tk.ID, i+1)
			}
			for _, c := range comments[i] {
				if c.ID != commentID || c.TicketID != tk.ID {
					t.Fatalf("comment got id %d on ticket %d, want %d on %d", c.ID, c.TicketID, commentID, tk.ID)
				}
				commentID++
			}
		}
	})
	t.Run("Stored", func(t *testing.T) {
		for i, want := range tickets {
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
			if wantCs := comments[i]; !reflect.DeepEqual(cs, append([]*helpdesk.Comment{}, wantCs...)) {
				t.Errorf("comments of ticket %d:\ngot  %+v\nwant %+v", want.ID, cs, wantCs)
			}
		}
	})
	t.Run("Tags", func(t *testing.T) {
		var want []string
		for _, tk := range tickets {
			if !slices.IsSorted(tk.Tags) {
				t.Errorf("ticket %d tags %q are not sorted", tk.ID, tk.Tags)
			}
			for _, tag := range tk.Tags {
				want = append(want, fmt.Sprintf("%s %d %d", tag, tk.ID, tk.UpdatedAt.UnixMicro()))
			}
		}
		gotRows := strings.Split(queryAll(t, db,
			`SELECT tag || ' ' || ticket_id || ' ' || updated_at FROM ticket_tags ORDER BY ticket_id, tag`), "\n")
		if !slices.Equal(gotRows, want) {
			t.Errorf("ticket_tags:\ngot  %q\nwant %q", gotRows, want)
		}
	})
	t.Run("Search", func(t *testing.T) {
		checkSearchIndex(t, db)
		for _, i := range []int{0, 1, 3, 6, 7} {
			tk, cs := tickets[i], comments[i]
			var public, internal []string
			for _, c := range cs {
				if c.Internal {
					internal = append(internal, c.Body)
				} else {
					public = append(public, c.Body)
				}
			}
			want := tk.Subject + "|" + strings.Join(public, "\n") + "|" + strings.Join(internal, "\n")
			got := queryAll(t, db, `SELECT subject || '|' || public || '|' || internal FROM ticket_docs WHERE id = ?`, tk.ID)
			if got != want {
				t.Errorf("ticket_docs of ticket %d: got %q, want %q", tk.ID, got, want)
			}
		}
		for _, tc := range []struct{ match, want string }{
			{"number7", "8"}, {"monday7", "8"}, {"secret9", "10"}, {"internal:secret9", "10"},
			{"public:secret9", ""}, {"reply9 number94", "95"}, {"reply9 number93", ""},
		} {
			got := queryAll(t, db, `SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid`, tc.match)
			if got != tc.want {
				t.Errorf("MATCH %q: got rowids %q, want %q", tc.match, got, tc.want)
			}
		}
		if got := queryAll(t, db, `SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH 'reply9'`); got != "48" {
			t.Errorf("MATCH reply9: got %s tickets, want the 48 even ones", got)
		}
	})
	t.Run("PutBack", func(t *testing.T) {
		if got := schemaOf(t, db); got != schema {
			t.Errorf("schema after the load:\ngot  %q\nwant %q", got, schema)
		}
		checkPutBack(t, db, pragmas)
	})
	t.Run("TriggersAfter", func(t *testing.T) {
		mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateComment(ctx, &helpdesk.Comment{TicketID: 5, AuthorID: agent.ID,
				Body: "Late answer", BodyHTML: "<p>Late answer</p>", CreatedAt: base})
		})
		if got := queryAll(t, db, `SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH 'late'`); got != "5" {
			t.Errorf("MATCH late: got rowids %q, want 5", got)
		}
		checkSearchIndex(t, db)
	})
}

// TestLoadTickets_Again loads into a desk that has tickets already, with
// batches smaller than the tickets there, so the indexes stay in place.
func TestLoadTickets_Again(t *testing.T) {
	ctx := t.Context()
	db := MustOpenDB(t)
	requester := mustUser(t, db, "req@example.com", helpdesk.RoleCustomer)
	agent := mustUser(t, db, "agent@example.com", helpdesk.RoleAgent)
	first, firstComments := bulkTickets(10, requester.ID, agent.ID)
	if err := db.LoadTickets(ctx, batches(first, firstComments, 10)); err != nil {
		t.Fatal(err)
	}
	// A ticket id is never handed out twice, even when the ticket is gone.
	if _, err := db.Writer().ExecContext(ctx, `UPDATE sqlite_sequence SET seq = 100 WHERE name = 'tickets'`); err != nil {
		t.Fatal(err)
	}
	schema, pragmas := schemaOf(t, db), pragmasOf(t, db)
	second, secondComments := bulkTickets(23, requester.ID, agent.ID)
	if err := db.LoadTickets(ctx, batches(second, secondComments, 5)); err != nil {
		t.Fatal(err)
	}
	if second[0].ID != 101 || second[22].ID != 123 {
		t.Errorf("got ids %d..%d, want 101..123", second[0].ID, second[22].ID)
	}
	if got := queryAll(t, db, `SELECT count(*) FROM tickets`); got != "33" {
		t.Errorf("got %s tickets, want 33", got)
	}
	if got := schemaOf(t, db); got != schema {
		t.Errorf("schema after the load:\ngot  %q\nwant %q", got, schema)
	}
	checkSearchIndex(t, db)
	checkPutBack(t, db, pragmas)
}

// TestLoadTickets_Rollback checks that a load that fails stores nothing
// and leaves the database as it was.
func TestLoadTickets_Rollback(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(t *helpdesk.Ticket, c *helpdesk.Comment)
	}{
		{"BadStatus", func(t *helpdesk.Ticket, _ *helpdesk.Comment) { t.Status = "bogus" }},
		{"NoSuchRequester", func(t *helpdesk.Ticket, _ *helpdesk.Comment) { t.RequesterID = 999 }},
		{"NoSuchTeam", func(t *helpdesk.Ticket, _ *helpdesk.Comment) { t.TeamID = ptr(int64(999)) }},
		{"NoSuchAuthor", func(_ *helpdesk.Ticket, c *helpdesk.Comment) { c.AuthorID = 999 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t)
			requester := mustUser(t, db, "req@example.com", helpdesk.RoleCustomer)
			schema, pragmas := schemaOf(t, db), pragmasOf(t, db)
			tickets, comments := bulkTickets(30, requester.ID, requester.ID)
			tc.spoil(tickets[26], comments[26][0])
			err := db.LoadTickets(t.Context(), batches(tickets, comments, 10))
			wantCode(t, "load", err, helpdesk.EINVALID)
			if got := queryAll(t, db, `SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM comments)`); got != "0" {
				t.Errorf("got %s tickets and comments after a failed load, want none", got)
			}
			if got := schemaOf(t, db); got != schema {
				t.Errorf("schema after a failed load:\ngot  %q\nwant %q", got, schema)
			}
			checkSearchIndex(t, db)
			checkPutBack(t, db, pragmas)
		})
	}
}

// checkSearchIndex runs FTS5's integrity check, which compares the index
// with the text ticket_docs gives.
func checkSearchIndex(t *testing.T, db *sqlite.DB) {
	t.Helper()
	_, err := db.Writer().ExecContext(t.Context(), `INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('integrity-check', 1)`)
	if err != nil {
		t.Errorf("search index integrity check: %v", err)
	}
}

// checkPutBack checks that a load left nothing of its own behind: the
// search triggers are on, FTS5's hashsize and the writer's pragmas are
// what they were, and the database is sound.
func checkPutBack(t *testing.T, db *sqlite.DB, pragmas string) {
	t.Helper()
	if got := pragmasOf(t, db); got != pragmas {
		t.Errorf("writer pragmas: got %q, want %q", got, pragmas)
	}
	for query, want := range map[string]string{
		`SELECT count(*) FROM search_bulk`:                                                 "0",
		`SELECT coalesce((SELECT v FROM ticket_fts_config WHERE k = 'hashsize'), 1048576)`: "1048576",
		`PRAGMA foreign_key_check`:                                                         "",
		`PRAGMA integrity_check(5)`:                                                        "ok",
	} {
		if got := queryAll(t, db, query); got != want {
			t.Errorf("%s: got %q, want %q", query, got, want)
		}
	}
}

// pragmasOf returns the writer connection's pragmas that a load changes.
func pragmasOf(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var out []string
	for _, name := range []string{"cache_size", "temp_store", "foreign_keys", "threads"} {
		out = append(out, name+"="+queryAll(t, db, `PRAGMA `+name))
	}
	return strings.Join(out, " ")
}

// schemaOf returns the names and SQL of everything in the schema.
func schemaOf(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	return queryAll(t, db, `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`)
}

// queryAll runs query on the writer connection, where the load's pragmas
// would show, and returns its rows' columns, one value a line.
func queryAll(t *testing.T, db *sqlite.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.Writer().QueryContext(t.Context(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			out = append(out, fmt.Sprint(v))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return strings.Join(out, "\n")
}
