package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// TestSearchIndexIntegrity checks, with FTS5's own integrity-check against
// the ticket_docs view, that the triggers keep the external-content index
// equal to the text through creates, edits, subject changes and deletes.
func TestSearchIndexIntegrity(t *testing.T) {
	db := MustOpenDB(t)
	cust := mustUser(t, db, "c@example.com", helpdesk.RoleCustomer)
	agent := mustUser(t, db, "a@example.com", helpdesk.RoleAgent)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var tickets []*helpdesk.Ticket
	var comments []*helpdesk.Comment
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		for i := range 20 {
			tk := &helpdesk.Ticket{Subject: fmt.Sprintf("Ticket %d about printers", i), Status: "open",
				Priority: "normal", Type: "question", RequesterID: cust.ID, CreatedAt: now, UpdatedAt: now}
			if err := tx.CreateTicket(ctx, tk); err != nil {
				return err
			}
			tickets = append(tickets, tk)
			for j := range i % 4 {
				c := &helpdesk.Comment{TicketID: tk.ID, AuthorID: agent.ID, Internal: j%2 == 1,
					Body: fmt.Sprintf("reply %d to %d: Grüße, the toner is low", j, i), CreatedAt: now}
				if err := tx.CreateComment(ctx, c); err != nil {
					return err
				}
				comments = append(comments, c)
			}
		}
		return nil
	})
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		for i, c := range comments[:5] {
			rev := &helpdesk.CommentRevision{CommentID: c.ID, Body: c.Body, EditorID: agent.ID, CreatedAt: now}
			c.Body = fmt.Sprintf("edited %d", i)
			if err := tx.UpdateComment(ctx, c, rev); err != nil {
				return err
			}
		}
		for _, tk := range tickets[:5] {
			tk.Subject = "Renamed " + tk.Subject
			if err := tx.UpdateTicket(ctx, tk); err != nil {
				return err
			}
		}
		return nil
	})
	if _, err := db.Writer().Exec(`DELETE FROM comments WHERE id = ?`, comments[len(comments)-1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Writer().Exec(`DELETE FROM tickets WHERE id = ?`, tickets[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Writer().Exec(`INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("FTS5 integrity-check against ticket_docs: %v", err)
	}
	var n int
	if err := db.Reader().QueryRow(`SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH 'renamed'`).Scan(&n); err != nil || n != 4 {
		t.Errorf("tickets matching renamed: got %d (%v), want 4 (one of the five was deleted)", n, err)
	}
}

// TestSearchPlans checks the two plans of a search: staff searches walk
// the FTS5 index newest first and stop at the candidate limit (no sort of
// all matches); customer searches walk the customer's own tickets and look
// each up in the index by rowid.
func TestSearchPlans(t *testing.T) {
	db := MustOpenDB(t)
	text := []helpdesk.TextTerm{{Text: "printer"}}
	for _, tc := range []struct {
		name  string
		f     helpdesk.TicketFilter
		first string
	}{
		{"AgentWithFilters", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, Text: text,
			Statuses: []helpdesk.Status{"open", "new"}, NotTags: []string{"spam"}}, "SCAN ticket_fts VIRTUAL TABLE"},
		{"Admin", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}, Text: text}, "SCAN ticket_fts VIRTUAL TABLE"},
		{"Customer", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 5, Role: helpdesk.RoleCustomer}, Text: text}, "SEARCH t USING"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			query, args := sqlite.SearchCandidatesQuery(tc.f, helpdesk.SearchCandidates, true)
			plan := explain(t, db, query, args)
			if len(plan) == 0 || !strings.HasPrefix(plan[0], tc.first) {
				t.Fatalf("plan starts %q, want %q:\n%s", plan, tc.first, strings.Join(plan, "\n"))
			}
			if tc.first == "SCAN ticket_fts VIRTUAL TABLE" {
				for _, line := range plan {
					if strings.Contains(line, "TEMP B-TREE") {
						t.Errorf("the index walk sorts its matches:\n%s", strings.Join(plan, "\n"))
					}
				}
			}
		})
	}
}

// TestSearchCommonWordsKeepNewestFirst: a word in more tickets than bm25
// can afford to weigh leaves the candidates newest first, unranked.
func TestSearchCommonWordsKeepNewestFirst(t *testing.T) {
	db := MustOpenDB(t)
	cust := mustUser(t, db, "c@example.com", helpdesk.RoleCustomer)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		for _, subject := range []string{"printer printer printer", "printer jam", "a printer"} {
			if err := tx.CreateTicket(ctx, &helpdesk.Ticket{Subject: subject, Status: "open", Priority: "normal",
				Type: "question", RequesterID: cust.ID, CreatedAt: now, UpdatedAt: now}); err != nil {
				return err
			}
		}
		return nil
	})
	admin := helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin},
		Text: []helpdesk.TextTerm{{Text: "printer"}}}
	ranked, err := db.SearchCandidates(t.Context(), admin, 10)
	if err != nil || len(ranked) != 3 || ranked[0].Rank <= 0 {
		t.Fatalf("ranked: %+v, %v", ranked, err)
	}
	sqlite.SetMaxRankedMatches(t, 2)
	plain, err := db.SearchCandidates(t.Context(), admin, 10)
	if err != nil || len(plain) != 3 {
		t.Fatalf("unranked: %+v, %v", plain, err)
	}
	for i, c := range plain {
		if c.Rank != 0 || (i > 0 && c.ID > plain[i-1].ID) {
			t.Errorf("unranked candidates: %+v, want rank 0, newest first", plain)
		}
	}
}
