package notify_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/notify"
)

// observe registers both workers of d, reporting each run on the returned
// channels (events, emails).
func observe(d notify.Deps) (*river.Workers, chan result, chan result) {
	workers := river.NewWorkers()
	events, emails := make(chan result, 100), make(chan result, 100)
	river.AddWorker[notify.EventArgs](workers, observed[notify.EventArgs]{notify.NewEventWorker(d), events})
	river.AddWorker[notify.EmailArgs](workers, observed[notify.EmailArgs]{notify.NewEmailWorker(d), emails})
	return workers, events, emails
}

// succeeded waits for n successful runs on ch, failing on any error.
func succeeded(t *testing.T, what string, ch chan result, n int) {
	t.Helper()
	for range n {
		if r := recv(t, what, ch); r.err != nil {
			t.Fatalf("%s job %d: %v", what, r.id, r.err)
		}
	}
}

func TestRegister(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		workers := river.NewWorkers()
		notify.Register(workers, e.deps())
		e.start(workers)
		tk := e.ticket("Wired", w.cu, w.billing, nil)
		e.enqueue(notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID, AssigneeID: &w.al.ID})
		ctx, cancel := context.WithTimeout(t.Context(), waitTimeout)
		defer cancel()
		msgs, err := e.smtp.Wait(ctx, 1)
		if err != nil {
			t.Fatalf("no email: %v", err)
		}
		if msgs[0].To[0] != "al@corp.example" || !strings.Contains(msgs[0].Subject, "Assigned to you") {
			t.Errorf("got %q to %v", msgs[0].Subject, msgs[0].To)
		}
	})
}

// TestFlow_CustomerNeverSeesNotes runs a conversation through the job
// queue: an internal note, an agent's public reply, the customer's answer.
func TestFlow_CustomerNeverSeesNotes(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		workers, events, emails := observe(e.deps())
		e.start(workers)
		tk := e.ticket("Where is my order?", w.cu, w.billing, w.al)
		const secret = "NOTE-91c2 fraud check pending"
		for _, c := range []*helpdesk.Comment{
			e.comment(tk, w.bo, secret, true),
			e.comment(tk, w.al, "Your order ships *tomorrow*.", false),
			e.comment(tk, w.cu, "Thanks, that helps!", false),
		} {
			e.enqueue(notify.EventArgs{Event: helpdesk.EventCommentCreated, TicketID: tk.ID, ActorID: c.AuthorID, CommentID: c.ID})
		}
		succeeded(t, "event", events, 3)
		succeeded(t, "email", emails, 2) // the customer's reply mail, Al's customer_reply mail

		msgs := e.smtp.Messages()
		if len(msgs) != 2 {
			t.Fatalf("received %d messages, want 2", len(msgs))
		}
		byTo := map[string]int{}
		for i, m := range msgs {
			byTo[m.To[0]] = i
			if strings.Contains(string(m.Raw), "NOTE-91c2") || strings.Contains(m.Text+m.HTML, secret) {
				t.Errorf("message to %v contains the internal note", m.To)
			}
		}
		cu, ok := byTo["cu@shop.example"]
		if !ok {
			t.Fatalf("no message to the customer: %v", byTo)
		}
		m := msgs[cu]
		root := fmt.Sprintf("<ticket-%d@help.example.com>", tk.ID)
		if m.Header.Get("In-Reply-To") != root || m.Header.Get("References") != root ||
			!strings.HasPrefix(m.Header.Get("Message-Id"), fmt.Sprintf("<ticket-%d-c", tk.ID)) {
			t.Errorf("threading headers: %v", m.Header)
		}
		if !strings.Contains(m.Text, "Your order ships *tomorrow*.") || !strings.Contains(m.HTML, "Your order ships") {
			t.Errorf("customer mail lacks the reply in both bodies:\n%s\n%s", m.Text, m.HTML)
		}
		checkUnsubscribe(t, m, w.cu.ID, helpdesk.TopicEmailTicketReplies)
		if al, ok := byTo["al@corp.example"]; !ok || !strings.Contains(msgs[al].Text, "Thanks, that helps!") {
			t.Errorf("no customer_reply mail to Al with the customer's words")
		}
	})
}

// TestFlow_SMTPDownThenUp: mail queued while the SMTP server is down is
// retried and, once it is back, delivered exactly once.
func TestFlow_SMTPDownThenUp(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		workers, events, emails := observe(e.deps())
		runner := e.start(workers)
		tk := e.ticket("Outage", w.cu, w.billing, nil)

		e.smtp.Stop()
		e.enqueue(notify.EventArgs{Event: helpdesk.EventTicketAssigned, TicketID: tk.ID, ActorID: w.ada.ID, AssigneeID: &w.al.ID})
		succeeded(t, "event", events, 1)
		if r := recv(t, "email", emails); r.err == nil {
			t.Fatalf("email job succeeded with the SMTP server down")
		}
		e.smtp.Restart()
		var last result
		for last = recv(t, "email", emails); last.err != nil; last = recv(t, "email", emails) {
			// Attempts that started before the restart may still fail.
		}
		if last.attempt < 2 {
			t.Errorf("delivered on attempt %d, want a retry", last.attempt)
		}
		n := e.notifications(w.al, tk)
		if len(n) != 1 {
			t.Fatalf("notifications: %d, want 1", len(n))
		}
		id := fmt.Sprintf("<ticket-%d-n%d-u%d@help.example.com>", tk.ID, n[0].ID, w.al.ID)
		if got := withMessageID(e.smtp.Messages(), id); len(got) != 1 {
			t.Errorf("messages with Message-ID %s: %d, want exactly 1", id, len(got))
		}
		// A graceful stop flushes job states: the email job is done, and
		// nothing is left to send it again.
		ctx, cancel := context.WithTimeout(t.Context(), waitTimeout)
		defer cancel()
		if err := runner.Stop(ctx); err != nil {
			t.Fatalf("Stop: %v", err)
		}
		list, err := runner.List(ctx, jobs.ListFilter{})
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		for _, j := range list {
			if j.State != "completed" {
				t.Errorf("job %d (%s) is %s, want completed", j.ID, j.Kind, j.State)
			}
		}
		if got := withMessageID(e.smtp.Messages(), id); len(got) != 1 {
			t.Errorf("after stop: messages with Message-ID %s: %d, want exactly 1", id, len(got))
		}
	})
}
