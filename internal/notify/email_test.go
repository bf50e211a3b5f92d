package notify_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/riverqueue/river/rivertype"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/mail/smtptest"
	"github.com/triagehq/triage/internal/notify"
)

// send runs the email worker on args and returns its error.
func (e *env) send(w *notify.EmailWorker, id int64, args notify.EmailArgs) error {
	e.t.Helper()
	return w.Work(e.t.Context(), job(id, args))
}

// withMessageID returns the received messages whose Message-ID is id.
func withMessageID(msgs []smtptest.Received, id string) []smtptest.Received {
	var out []smtptest.Received
	for _, m := range msgs {
		if m.Header.Get("Message-Id") == id {
			out = append(out, m)
		}
	}
	return out
}

func TestEmailWorker_AgentReplyToCustomer(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ew := notify.NewEmailWorker(e.deps())
		tk := e.ticket("Invoice wrong", w.cu, w.billing, w.al)
		reply := e.comment(tk, w.al, "We refunded **42 €**.", false)
		args := notify.EmailArgs{UserID: w.cu.ID, TicketID: tk.ID, CommentID: reply.ID, ActorID: w.al.ID,
			Template: mail.KindAgentReply}
		for range 2 { // the second run finds it sent
			if err := e.send(ew, 1, args); err != nil {
				t.Fatalf("Work: %v", err)
			}
		}
		msgs := e.smtp.Messages()
		if len(msgs) != 1 {
			t.Fatalf("received %d messages, want 1", len(msgs))
		}
		m := msgs[0]
		root := fmt.Sprintf("<ticket-%d@help.example.com>", tk.ID)
		for name, want := range map[string]string{
			"Message-Id":            fmt.Sprintf("<ticket-%d-c%d-u%d@help.example.com>", tk.ID, reply.ID, w.cu.ID),
			"In-Reply-To":           root,
			"References":            root,
			"Auto-Submitted":        "auto-generated",
			"X-Triage-Ticket":       fmt.Sprint(tk.ID),
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		} {
			if got := m.Header.Get(name); got != want {
				t.Errorf("%s: got %q, want %q", name, got, want)
			}
		}
		if len(m.To) != 1 || m.To[0] != "cu@shop.example" {
			t.Errorf("envelope recipients %v, want the customer only", m.To)
		}
		if !strings.Contains(m.Subject, fmt.Sprintf("[#%d]", tk.ID)) || !strings.Contains(m.Subject, "Invoice wrong") {
			t.Errorf("subject %q", m.Subject)
		}
		portal := fmt.Sprintf("%s/portal/tickets/%d", baseURL, tk.ID)
		for part, body := range map[string]string{"text": m.Text, "html": m.HTML} {
			if !strings.Contains(body, "42 €") || !strings.Contains(body, portal) ||
				!strings.Contains(body, baseURL+"/account/notifications") {
				t.Errorf("%s part lacks the reply, the portal link or the preferences link:\n%s", part, body)
			}
		}
		if !strings.Contains(m.HTML, "<p>We refunded **42 €**.</p>") {
			t.Errorf("html part lacks the comment's HTML:\n%s", m.HTML)
		}
		checkUnsubscribe(t, m, w.cu.ID, helpdesk.TopicEmailTicketReplies)
	})
}

// checkUnsubscribe checks m's List-Unsubscribe link unsubscribes userID
// from topic.
func checkUnsubscribe(t *testing.T, m smtptest.Received, userID int64, topic string) {
	t.Helper()
	raw := strings.Trim(m.Header.Get("List-Unsubscribe"), "<>")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme+"://"+u.Host != baseURL || u.Path != "/api/v1/unsubscribe" {
		t.Fatalf("List-Unsubscribe %q", raw)
	}
	gotUser, gotTopic, err := mail.ParseUnsubscribeToken(unsubscribeKey, u.Query().Get("token"))
	if err != nil || gotUser != userID || gotTopic != topic {
		t.Errorf("unsubscribe token: user %d topic %q (%v), want %d %q", gotUser, gotTopic, err, userID, topic)
	}
	// The body links the web page, which asks before changing anything: a
	// link a mail scanner follows must not unsubscribe.
	page := baseURL + "/unsubscribe?token=" + url.QueryEscape(u.Query().Get("token"))
	if !strings.Contains(m.Text, page) {
		t.Errorf("text part lacks the unsubscribe page link %s", page)
	}
	if strings.Contains(m.Text, "/api/v1/unsubscribe") || strings.Contains(m.HTML, "/api/v1/unsubscribe") {
		t.Error("the body links the POST-only API route")
	}
}

func TestEmailWorker_StaffEmails(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ew := notify.NewEmailWorker(e.deps())
		tk := e.ticket("Escalation", w.cu, w.billing, w.al)
		note := e.comment(tk, w.bo, "Internal: @al the customer is a reseller", true)

		must(t, e.send(ew, 1, notify.EmailArgs{UserID: w.al.ID, TicketID: tk.ID, CommentID: note.ID, ActorID: w.bo.ID,
			Template: mail.KindMention, NotificationID: 7}))
		must(t, e.send(ew, 2, notify.EmailArgs{UserID: w.bo.ID, TicketID: tk.ID, ActorID: w.ada.ID,
			Template: mail.KindTeamAssigned, NotificationID: 8}))
		msgs := e.smtp.Messages()
		if len(msgs) != 2 {
			t.Fatalf("received %d messages, want 2", len(msgs))
		}
		mention, team := msgs[0], msgs[1]
		if want := fmt.Sprintf("<ticket-%d-c%d-u%d@help.example.com>", tk.ID, note.ID, w.al.ID); mention.Header.Get("Message-Id") != want {
			t.Errorf("mention Message-ID %q, want %q", mention.Header.Get("Message-Id"), want)
		}
		staffURL := fmt.Sprintf("%s/tickets/%d", baseURL, tk.ID)
		if !strings.Contains(mention.Text, "the customer is a reseller") || !strings.Contains(mention.Text, staffURL) ||
			!strings.Contains(mention.Text, "Bo Agent") {
			t.Errorf("mention text:\n%s", mention.Text)
		}
		checkUnsubscribe(t, mention, w.al.ID, helpdesk.TopicEmailMention)
		if want := fmt.Sprintf("<ticket-%d-n8-u%d@help.example.com>", tk.ID, w.bo.ID); team.Header.Get("Message-Id") != want {
			t.Errorf("team Message-ID %q, want %q", team.Header.Get("Message-Id"), want)
		}
		if want := fmt.Sprintf("<ticket-%d@help.example.com>", tk.ID); team.Header.Get("References") != want {
			t.Errorf("team References %q, want %q (one thread per ticket)", team.Header.Get("References"), want)
		}
		if !strings.Contains(team.Text, "Billing") || !strings.Contains(team.Text, "Ada Admin") {
			t.Errorf("team_assigned text lacks the team or the actor:\n%s", team.Text)
		}
		checkUnsubscribe(t, team, w.bo.ID, helpdesk.TopicEmailTeamAssigned)
	})
}

func TestEmailWorker_NeverLeaks(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ew := notify.NewEmailWorker(e.deps())
		tk := e.ticket("Sensitive", w.cu, w.billing, w.al)
		const secret = "NOTE-7f3a: customer owes us money"
		note := e.comment(tk, w.al, secret, true)
		public := e.comment(tk, w.al, "All sorted.", false)
		for i, c := range []struct {
			name string
			args notify.EmailArgs
		}{
			// Forged or stale jobs: each must send nothing.
			{"internal note as agent reply", notify.EmailArgs{UserID: w.cu.ID, TicketID: tk.ID, CommentID: note.ID, Template: mail.KindAgentReply}},
			{"note as mention to customer", notify.EmailArgs{UserID: w.cu.ID, TicketID: tk.ID, CommentID: note.ID, Template: mail.KindMention}},
			{"note as customer reply to customer", notify.EmailArgs{UserID: w.cu.ID, TicketID: tk.ID, CommentID: note.ID, Template: mail.KindCustomerReply}},
			{"assignment to customer", notify.EmailArgs{UserID: w.cu.ID, TicketID: tk.ID, Template: mail.KindAssigned, NotificationID: 1}},
			{"reply to someone else's ticket", notify.EmailArgs{UserID: w.cv.ID, TicketID: tk.ID, CommentID: public.ID, Template: mail.KindAgentReply}},
			{"mention to staff who cannot see", notify.EmailArgs{UserID: w.cy.ID, TicketID: tk.ID, CommentID: note.ID, Template: mail.KindMention}},
			{"inactive staff", notify.EmailArgs{UserID: w.dee.ID, TicketID: tk.ID, CommentID: note.ID, Template: mail.KindMention}},
			{"comment of another ticket", notify.EmailArgs{UserID: w.al.ID, TicketID: e.ticket("Other", w.cu, nil, nil).ID, CommentID: note.ID, Template: mail.KindMention}},
			{"unknown template", notify.EmailArgs{UserID: w.al.ID, TicketID: tk.ID, CommentID: note.ID, Template: "digest"}},
			{"missing ticket", notify.EmailArgs{UserID: w.al.ID, TicketID: 9999, Template: mail.KindAssigned}},
		} {
			if err := e.send(ew, int64(i+1), c.args); err != nil {
				t.Errorf("%s: Work: %v", c.name, err)
			}
		}
		if msgs := e.smtp.Messages(); len(msgs) != 0 {
			t.Errorf("received %d messages, want none; first to %v: %s", len(msgs), msgs[0].To, msgs[0].Subject)
		}
	})
}

func TestEmailWorker_RechecksPrefs(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ew := notify.NewEmailWorker(e.deps())
		tk := e.ticket("Changed my mind", w.cu, w.billing, w.al)
		e.update(func(ctx context.Context, tx helpdesk.Tx) error {
			p := helpdesk.DefaultNotificationPrefs(w.al.ID)
			p.EmailAssigned, p.UpdatedAt = false, e.clock
			return tx.SaveNotificationPrefs(ctx, p)
		})
		must(t, e.send(ew, 1, notify.EmailArgs{UserID: w.al.ID, TicketID: tk.ID, Template: mail.KindAssigned, NotificationID: 1}))
		// Another topic is still on.
		must(t, e.send(ew, 2, notify.EmailArgs{UserID: w.al.ID, TicketID: tk.ID, Template: mail.KindTeamAssigned, NotificationID: 2}))
		msgs := e.smtp.Messages()
		if len(msgs) != 1 || !strings.Contains(msgs[0].Header.Get("Message-Id"), "-n2-") {
			t.Errorf("received %d messages, want only the team one", len(msgs))
		}
	})
}

func TestEmailWorker_SMTPFailures(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		ew := notify.NewEmailWorker(e.deps())
		tk := e.ticket("Flaky", w.cu, w.billing, w.al)
		args := notify.EmailArgs{UserID: w.al.ID, TicketID: tk.ID, Template: mail.KindAssigned, NotificationID: 1}

		e.smtp.FailNext(1, 451)
		err := e.send(ew, 1, args)
		var cancel *rivertype.JobCancelError
		if err == nil || errors.As(err, &cancel) {
			t.Fatalf("451: got %v, want a plain error so the job retries", err)
		}
		e.smtp.FailNext(1, 550)
		err = e.send(ew, 1, args)
		if !errors.As(err, &cancel) || !errors.Is(err, mail.ErrPermanent) {
			t.Fatalf("550: got %v, want JobCancel wrapping mail.ErrPermanent", err)
		}
		e.smtp.Stop()
		if err := e.send(ew, 1, args); err == nil || errors.As(err, &cancel) {
			t.Fatalf("server down: got %v, want a plain error", err)
		}
		e.smtp.Restart()
		must(t, e.send(ew, 1, args))
		must(t, e.send(ew, 1, args))
		if n := len(e.smtp.Messages()); n != 1 {
			t.Errorf("received %d messages, want 1", n)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("Work: %v", err)
	}
}
