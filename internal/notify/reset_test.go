package notify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail/smtptest"
	"github.com/triagehq/triage/internal/notify"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/sealed"
	"github.com/triagehq/triage/internal/service"
)

var resetSecret = []byte("reset-test-secret-0123456789abcdef-0123456789")

// resetKey is the key both the service and the worker derive.
func resetKey(t *testing.T) []byte {
	t.Helper()
	key, err := service.ResetMailKey(resetSecret)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// resetDeps returns e's worker dependencies with reset mail on.
func (e *env) resetDeps() notify.Deps {
	d := e.deps()
	d.ResetKey = resetKey(e.t)
	return d
}

// service returns a Service on e's store and clock that mails resets.
func (e *env) service() *service.Service {
	e.t.Helper()
	svc, err := service.New(service.Options{Store: e.store, Secret: resetSecret,
		Now: func() time.Time { return e.clock }, Render: func(s string) string { return s },
		PasswordParams: password.Params{Memory: 64, Time: 1, Threads: 1}, ResetMailKey: resetKey(e.t)})
	if err != nil {
		e.t.Fatalf("service.New: %v", err)
	}
	return svc
}

// resetArgs seals token for u as the service does, expiring at exp.
func (e *env) resetArgs(u *helpdesk.User, token string, exp time.Time) notify.ResetArgs {
	e.t.Helper()
	box, err := sealed.Seal(resetKey(e.t), []byte(token), helpdesk.ResetMailBinding(u.ID))
	if err != nil {
		e.t.Fatal(err)
	}
	return notify.ResetArgs{UserID: u.ID, Sealed: box, ExpiresAt: exp}
}

// linkToken returns the token of the reset link in a mail's text.
func linkToken(t *testing.T, m smtptest.Received) string {
	t.Helper()
	prefix := baseURL + "/reset-password?token="
	i := strings.Index(m.Text, prefix)
	if i < 0 {
		t.Fatalf("no reset link in:\n%s", m.Text)
	}
	raw, _, _ := strings.Cut(m.Text[i+len(prefix):], "\n")
	token, err := url.QueryUnescape(strings.TrimSpace(raw))
	if err != nil {
		t.Fatalf("link token %q: %v", raw, err)
	}
	return token
}

// TestResetMail_EndToEnd asks for a reset through the service, lets the
// registered worker mail it through the job queue, and resets the
// password with the mailed link.
func TestResetMail_EndToEnd(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		svc := e.service()
		workers := river.NewWorkers()
		notify.Register(workers, e.resetDeps())
		e.start(workers)

		ticket, err := svc.RequestPasswordReset(t.Context(), "cu@shop.example")
		if err != nil || ticket == nil || !ticket.Mailed {
			t.Fatalf("RequestPasswordReset = %+v, %v; want a mailed ticket", ticket, err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), waitTimeout)
		defer cancel()
		msgs, err := e.smtp.Wait(ctx, 1)
		if err != nil {
			t.Fatalf("no email: %v", err)
		}
		m := msgs[0]
		if len(m.To) != 1 || m.To[0] != w.cu.Email {
			t.Errorf("recipients %v, want %s", m.To, w.cu.Email)
		}
		if m.Subject != "Reset your password" {
			t.Errorf("subject %q", m.Subject)
		}
		if got := m.Header.Get("Auto-Submitted"); got != "auto-generated" {
			t.Errorf("Auto-Submitted: got %q", got)
		}
		if id := m.Header.Get("Message-Id"); !strings.HasPrefix(id, "<reset-") || !strings.HasSuffix(id, "@help.example.com>") {
			t.Errorf("Message-Id %q", id)
		}
		for _, h := range []string{"List-Unsubscribe", "In-Reply-To", "References"} {
			if got := m.Header.Get(h); got != "" {
				t.Errorf("%s: got %q, want none on a reset mail", h, got)
			}
		}
		if !strings.Contains(m.Text, "your password is unchanged") || !strings.Contains(m.HTML, url.QueryEscape(ticket.Token)) {
			t.Errorf("mail lacks the notice or the HTML link:\n%s\n%s", m.Text, m.HTML)
		}
		token := linkToken(t, m)
		if token != ticket.Token {
			t.Fatalf("the link's token is not the reset's")
		}
		if err := svc.ResetPassword(t.Context(), token, "amber-falcon-river-77"); err != nil {
			t.Fatalf("ResetPassword with the mailed token: %v", err)
		}
	})
}

func TestResetWorker(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		w := e.seed()
		rw := notify.NewResetWorker(e.resetDeps())
		later := e.clock.Add(time.Hour)
		work := func(id int64, args notify.ResetArgs) error {
			return rw.Work(t.Context(), job(id, args))
		}

		t.Run("RunTwiceSendsOnce", func(t *testing.T) {
			e := e.with(t)
			args := e.resetArgs(w.al, "tok-al", later)
			for range 2 {
				if err := work(1, args); err != nil {
					t.Fatalf("Work: %v", err)
				}
			}
			got := withMessageID(e.smtp.Messages(), "<reset-1@help.example.com>")
			if len(got) != 1 {
				t.Fatalf("%d mails with the job's Message-ID, want 1", len(got))
			}
			if tok := linkToken(t, got[0]); tok != "tok-al" {
				t.Errorf("link token %q, want tok-al", tok)
			}
			// Another job is another request: it is mailed too.
			if err := work(2, e.resetArgs(w.al, "tok-al-2", later)); err != nil {
				t.Fatalf("Work: %v", err)
			}
			if n := len(withMessageID(e.smtp.Messages(), "<reset-2@help.example.com>")); n != 1 {
				t.Errorf("second job: %d mails, want 1", n)
			}
		})

		for _, tt := range []struct {
			name string
			args notify.ResetArgs
		}{
			{"ExpiredSendsNothing", e.resetArgs(w.bo, "tok-bo", e.clock.Truncate(time.Microsecond))},
			{"DeactivatedSendsNothing", e.resetArgs(w.dee, "tok-dee", later)},
			{"MissingUserSendsNothing", notify.ResetArgs{UserID: 999999, Sealed: "x", ExpiresAt: later}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				e := e.with(t)
				before := len(e.smtp.Messages())
				if err := work(10, tt.args); err != nil {
					t.Fatalf("Work: %v", err)
				}
				if n := len(e.smtp.Messages()); n != before {
					t.Errorf("%d mails sent, want none", n-before)
				}
			})
		}

		t.Run("BadSealCancels", func(t *testing.T) {
			e := e.with(t)
			before := len(e.smtp.Messages())
			moved := e.resetArgs(w.cy, "tok-cy", later)
			moved.UserID = w.cu.ID // sealed for Cy, moved to Cu
			wrongKey := e.resetArgs(w.cu, "tok-cu", later)
			box, err := sealed.Seal(bytes.Repeat([]byte{1}, sealed.KeySize), []byte("tok-cu"), helpdesk.ResetMailBinding(w.cu.ID))
			if err != nil {
				t.Fatal(err)
			}
			wrongKey.Sealed = box
			garbage := e.resetArgs(w.cu, "tok-cu", later)
			garbage.Sealed = "not a box"
			for i, args := range []notify.ResetArgs{moved, wrongKey, garbage} {
				err := work(int64(20+i), args)
				var cancel *rivertype.JobCancelError
				if !errors.As(err, &cancel) || !errors.Is(err, sealed.ErrOpen) {
					t.Fatalf("case %d: got %v, want JobCancel wrapping sealed.ErrOpen", i, err)
				}
				if strings.Contains(err.Error(), "tok-") {
					t.Errorf("the error shows the token: %v", err)
				}
			}
			if n := len(e.smtp.Messages()); n != before {
				t.Errorf("%d mails sent, want none", n-before)
			}
		})

		t.Run("PermanentFailureCancels", func(t *testing.T) {
			e := e.with(t)
			e.smtp.FailNext(1, 550)
			err := work(30, e.resetArgs(w.cu, "tok-cu", later))
			var cancel *rivertype.JobCancelError
			if !errors.As(err, &cancel) {
				t.Fatalf("550: got %v, want JobCancel", err)
			}
			e.smtp.FailNext(1, 451)
			if err := work(31, e.resetArgs(w.cu, "tok-cu", later)); err == nil || errors.As(err, &cancel) {
				t.Fatalf("451: got %v, want an error to retry", err)
			}
			if err := work(31, e.resetArgs(w.cu, "tok-cu", later)); err != nil {
				t.Fatalf("retry: %v", err)
			}
			if n := len(withMessageID(e.smtp.Messages(), fmt.Sprintf("<reset-%d@help.example.com>", 31))); n != 1 {
				t.Errorf("%d mails after the retry, want 1", n)
			}
		})
	})
}

// TestRegister_ResetWorker checks that the reset worker is there only
// with both a mailer and a key: without it a reset job would fail as an
// unknown kind.
func TestRegister_ResetWorker(t *testing.T) {
	e := &env{t: t, smtp: smtptest.Start(t)}
	kind := notify.ResetArgs{}.Kind()
	for _, tt := range []struct {
		name string
		deps func() notify.Deps
		want bool
	}{
		{"MailerAndKey", func() notify.Deps { return notify.Deps{Mailer: e.mailer(), ResetKey: resetKey(t)} }, true},
		{"NoKey", func() notify.Deps { return notify.Deps{Mailer: e.mailer()} }, false},
		{"NoMailer", func() notify.Deps { return notify.Deps{ResetKey: resetKey(t)} }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			workers := river.NewWorkers()
			notify.Register(workers, tt.deps())
			// AddWorkerSafely refuses a kind already registered.
			err := river.AddWorkerSafely(workers, notify.NewResetWorker(tt.deps()))
			if got := err != nil; got != tt.want {
				t.Errorf("%s registered: got %v, want %v (%v)", kind, got, tt.want, err)
			}
		})
	}
}
