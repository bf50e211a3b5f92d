package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
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
