package notify_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/notify"
	"github.com/triagehq/triage/internal/realtime"
)

// work runs the event worker on args as job id.
func (e *env) work(w *notify.EventWorker, id int64, args notify.EventArgs) {
	e.t.Helper()
	if err := w.Work(e.t.Context(), job(id, args)); err != nil {
		e.t.Fatalf("Work(%s): %v", args.Event, err)
	}
}

func wantList(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n\tgot  %q\n\twant %q", what, got, want)
	}
}

func TestEventWorker_Assignment(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ev := notify.NewEventWorker(e.deps())

		t.Run("NewAssigneeAndTeam", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Refund", w.cu, w.billing, w.al)
			// Ada (admin, in Billing) acts; Dee is inactive; Cy is not in
			// Billing; Al is the assignee, told once as such.
			e.work(ev, 101, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID,
				AssigneeID: &w.al.ID, TeamID: &w.billing.ID})
			wantList(t, "notifications", e.kindsByUser(w, tk), "al:assigned", "bo:team_assigned")
			wantList(t, "email jobs", e.emailsAbout(w, tk), "al:assigned", "bo:team_assigned")
		})
		t.Run("SelfAssignSameTeam", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Mine", w.cu, w.billing, w.al)
			e.work(ev, 102, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.al.ID,
				AssigneeID: &w.al.ID, TeamID: &w.billing.ID, PrevTeamID: &w.billing.ID})
			wantList(t, "notifications", e.kindsByUser(w, tk))
			wantList(t, "email jobs", e.emailsAbout(w, tk))
		})
		t.Run("CreatedWithAssignee", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Phone call", w.cu, nil, w.cy)
			first := e.comment(tk, w.ada, "Called in, see @bo", false)
			e.work(ev, 103, notify.EventArgs{Event: helpdesk.EventTicketCreated, TicketID: tk.ID, ActorID: w.ada.ID,
				CommentID: first.ID, AssigneeID: &w.cy.ID})
			// No team: everyone sees it, so Bo's mention counts. The
			// customer gets no "agent reply" for a ticket staff opened.
			wantList(t, "notifications", e.kindsByUser(w, tk), "bo:mention", "cy:assigned")
			wantList(t, "email jobs", e.emailsAbout(w, tk), "bo:mention", "cy:assigned")
		})
		t.Run("AssigneeCannotSeeAnyMore", func(t *testing.T) {
			e := e.with(t)
			// Assigned to Cy, then moved to Billing and given to Bo before
			// the job ran: Cy no longer sees it and is not told.
			tk := e.ticket("Moved", w.cu, w.billing, w.bo)
			e.work(ev, 104, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID,
				AssigneeID: &w.cy.ID})
			wantList(t, "notifications", e.kindsByUser(w, tk))
		})
		t.Run("CustomerAsAssigneeIgnored", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Odd", w.cu, nil, nil)
			e.work(ev, 105, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID,
				AssigneeID: &w.cu.ID})
			wantList(t, "notifications", e.kindsByUser(w, tk))
		})
		t.Run("MissingTicket", func(t *testing.T) {
			e := e.with(t)
			e.work(ev, 106, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: 9999, ActorID: w.ada.ID,
				AssigneeID: &w.al.ID})
		})
	})
}

func TestEventWorker_RerunCreatesNothing(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ev := notify.NewEventWorker(e.deps())
		tk := e.ticket("Twice", w.cu, w.billing, w.al)
		note := e.comment(tk, w.bo, "@al have a look", true)
		reply := e.comment(tk, w.al, "We are on it", false)
		events := []notify.EventArgs{
			{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID, AssigneeID: &w.al.ID, TeamID: &w.billing.ID},
			{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: w.bo.ID, CommentID: note.ID},
			{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: w.al.ID, CommentID: reply.ID},
		}
		for round := range 3 {
			for i, args := range events {
				e.work(ev, int64(200+i), args)
			}
			wantList(t, "notifications", e.kindsByUser(w, tk), "al:assigned", "al:mention", "bo:team_assigned")
			wantList(t, "email jobs", e.emailsAbout(w, tk), "al:assigned", "al:mention", "bo:team_assigned", "cu:agent_reply")
			if n := len(e.bus.Events()); n != 3 {
				t.Errorf("round %d: published %d events, want 3 (only new notifications)", round+1, n)
			}
		}
		// A later, separate assignment to the same person is news again.
		e.work(ev, 300, events[0])
		wantList(t, "notifications after a new assignment", e.kindsByUser(w, tk),
			"al:assigned", "al:assigned", "al:mention", "bo:team_assigned", "bo:team_assigned")
	})
}

func TestEventWorker_Comments(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ev := notify.NewEventWorker(e.deps())
		created := func(tk *helpdesk.Ticket, c *helpdesk.Comment) notify.EventArgs {
			return notify.EventArgs{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: c.AuthorID, CommentID: c.ID}
		}

		t.Run("CustomerReplyTellsAssignee", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Still broken", w.cu, w.billing, w.al)
			c := e.comment(tk, w.cu, "It is still broken, @bo", false)
			e.work(ev, 401, created(tk, c))
			// Customers cannot mention anyone.
			wantList(t, "notifications", e.kindsByUser(w, tk), "al:customer_reply")
			wantList(t, "email jobs", e.emailsAbout(w, tk), "al:customer_reply")
		})
		t.Run("CustomerReplyUnassigned", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Nobody home", w.cu, w.billing, nil)
			e.work(ev, 402, created(tk, e.comment(tk, w.cu, "Hello?", false)))
			wantList(t, "notifications", e.kindsByUser(w, tk))
			wantList(t, "email jobs", e.emailsAbout(w, tk))
		})
		t.Run("MentionsInInternalNote", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Escalate", w.cu, w.billing, w.al)
			body := "@al @cy @cu @ada@corp.example @bo @dee @nobody `@bo@corp.example` thoughts?"
			e.work(ev, 403, created(tk, e.comment(tk, w.bo, body, true)))
			// Cy cannot see a Billing ticket, Cu is a customer, Bo wrote
			// it, Dee is inactive; the customer gets no email of a note.
			wantList(t, "notifications", e.kindsByUser(w, tk), "ad:mention", "al:mention")
			wantList(t, "email jobs", e.emailsAbout(w, tk), "ad:mention", "al:mention")
		})
		t.Run("AgentPublicReplyEmailsCustomerOnly", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Answered", w.cu, w.billing, w.al)
			e.work(ev, 404, created(tk, e.comment(tk, w.al, "Try turning it off and on", false)))
			wantList(t, "notifications", e.kindsByUser(w, tk))
			wantList(t, "email jobs", e.emailsAbout(w, tk), "cu:agent_reply")
		})
		t.Run("AgentReplyToStaffRequester", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Internal request", w.bo, nil, w.al)
			e.work(ev, 405, created(tk, e.comment(tk, w.al, "Done", false)))
			wantList(t, "email jobs", e.emailsAbout(w, tk))
		})
		t.Run("InactiveCustomer", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("Gone", w.cv, nil, w.al)
			w.cv.Active = false
			e.update(func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, w.cv) })
			e.work(ev, 406, created(tk, e.comment(tk, w.al, "Hello?", false)))
			wantList(t, "email jobs", e.emailsAbout(w, tk))
		})
		t.Run("CommentOfAnotherTicket", func(t *testing.T) {
			e := e.with(t)
			tk := e.ticket("One", w.cu, nil, w.al)
			other := e.ticket("Two", w.cu, nil, w.al)
			c := e.comment(other, w.bo, "@al", true)
			e.work(ev, 407, notify.EventArgs{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: w.bo.ID, CommentID: c.ID})
			wantList(t, "notifications", e.kindsByUser(w, tk))
		})
	})
}

func TestEventWorker_PrefsOffNoEmailJob(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ev := notify.NewEventWorker(e.deps())
		e.update(func(ctx context.Context, tx helpdesk.Tx) error {
			al := helpdesk.DefaultNotificationPrefs(w.al.ID)
			al.EmailAssigned, al.UpdatedAt = false, e.clock
			cu := helpdesk.DefaultNotificationPrefs(w.cu.ID)
			cu.EmailTicketReplies, cu.UpdatedAt = false, e.clock
			return errors.Join(tx.SaveNotificationPrefs(ctx, al), tx.SaveNotificationPrefs(ctx, cu))
		})
		tk := e.ticket("Quiet", w.cu, w.billing, w.al)
		e.work(ev, 501, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID,
			AssigneeID: &w.al.ID, TeamID: &w.billing.ID})
		reply := e.comment(tk, w.al, "Fixed", false)
		e.work(ev, 502, notify.EventArgs{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: w.al.ID, CommentID: reply.ID})
		// The in-app notification stays; only the email is off.
		wantList(t, "notifications", e.kindsByUser(w, tk), "al:assigned", "bo:team_assigned")
		wantList(t, "email jobs", e.emailsAbout(w, tk), "bo:team_assigned")
	})
}

func TestEventWorker_NoMailer(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		d := e.deps()
		d.Mailer = nil
		ev := notify.NewEventWorker(d)
		tk := e.ticket("No mail", w.cu, w.billing, w.al)
		e.work(ev, 601, notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID,
			AssigneeID: &w.al.ID})
		e.work(ev, 602, notify.EventArgs{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: w.al.ID,
			CommentID: e.comment(tk, w.al, "Hi", false).ID})
		wantList(t, "notifications", e.kindsByUser(w, tk), "al:assigned")
		wantList(t, "email jobs", e.emailsAbout(w, tk))
	})
}

func TestEventWorker_PublishesLive(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ev := notify.NewEventWorker(e.deps())
		tk := e.ticket("Live <one>", w.cu, w.billing, w.al)
		note := e.comment(tk, w.bo, "@al secret plan", true)
		e.work(ev, 701, notify.EventArgs{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: w.bo.ID, CommentID: note.ID})

		events := e.bus.Events()
		if len(events) != 1 {
			t.Fatalf("published %d events, want 1", len(events))
		}
		got := events[0]
		if got.Type != realtime.TypeNotificationCreated || got.UserID != w.al.ID || !got.Internal ||
			got.Ticket.ID != tk.ID || len(got.PublicPayload) != 0 {
			t.Errorf("event %+v", got)
		}
		var p map[string]any
		if err := json.Unmarshal(got.Payload, &p); err != nil {
			t.Fatalf("payload %s: %v", got.Payload, err)
		}
		n := e.notifications(w.al, tk)[0]
		actor, _ := p["actor"].(map[string]any)
		if p["id"] != float64(n.ID) || p["kind"] != "mention" || p["ticket_subject"] != "Live <one>" ||
			p["comment_id"] != float64(note.ID) || actor["id"] != float64(w.bo.ID) || actor["name"] != "Bo Agent" ||
			p["read_at"] != nil || p["created_at"] == nil || len(p) != 8 {
			t.Errorf("payload %s", got.Payload)
		}
	})
}
