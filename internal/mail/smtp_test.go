package mail_test

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/mail/smtptest"
)

var from = netmail.Address{Name: "Acme Support", Address: "support@example.com"}

// newSender returns a sender for srv in TLS "none" mode; edit adjusts the
// configuration.
func newSender(srv *smtptest.Server, edit ...func(*mail.SMTPConfig)) *mail.SMTP {
	cfg := mail.SMTPConfig{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone, From: from, Timeout: 10 * time.Second}
	for _, e := range edit {
		e(&cfg)
	}
	return mail.NewSMTP(cfg)
}

func testMessage() *mail.Message {
	return &mail.Message{
		To:      netmail.Address{Name: "Jörg Müller", Address: "jorg@example.com"},
		Subject: "[#42] Grüße — ünïcode",
		Text:    "Hallo Jörg,\n\nthe printer is fixed. A long line follows: " + strings.Repeat("déjà vu ", 20) + "\n",
		HTML:    "<p>Hallo Jörg,</p>\n<p>the printer is <strong>fixed</strong>. " + strings.Repeat("déjà vu ", 20) + "</p>\n",

		MessageID:       "<ticket-42-c17-u5@help.example.com>",
		InReplyTo:       "<ticket-42@help.example.com>",
		References:      []string{"<ticket-42@help.example.com>", "<ticket-42-c3-u5@help.example.com>"},
		ListUnsubscribe: "https://help.example.com/api/v1/unsubscribe?token=abc_DEF-123",
		Headers:         map[string]string{"X-Triage-Ticket": "42", "Auto-Submitted": "auto-generated"},
	}
}

// waitOne waits for the single message srv should have received.
func waitOne(t *testing.T, srv *smtptest.Server) smtptest.Received {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := srv.Wait(ctx, 1)
	if err != nil {
		t.Fatalf("wait for message: %v", err)
	}
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	return msgs[0]
}

func TestSMTPSend(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		srv := smtptest.Start(t)
		m := testMessage()
		if err := newSender(srv).Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		got := waitOne(t, srv)

		if got.From != from.Address {
			t.Errorf("envelope from: got %q, want %q", got.From, from.Address)
		}
		if len(got.To) != 1 || got.To[0] != m.To.Address {
			t.Errorf("envelope to: got %q, want [%q]", got.To, m.To.Address)
		}
		checkAddress(t, got.Header, "From", from)
		checkAddress(t, got.Header, "To", m.To)
		if got.Subject != m.Subject {
			t.Errorf("subject: got %q, want %q", got.Subject, m.Subject)
		}
		if raw := got.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
			t.Errorf("raw subject %q is not RFC 2047 encoded", raw)
		}
		if got.Text != m.Text {
			t.Errorf("text:\n got %q\nwant %q", got.Text, m.Text)
		}
		if got.HTML != m.HTML {
			t.Errorf("html:\n got %q\nwant %q", got.HTML, m.HTML)
		}
		for name, want := range map[string]string{
			"Message-Id":            m.MessageID,
			"In-Reply-To":           m.InReplyTo,
			"References":            strings.Join(m.References, " "),
			"List-Unsubscribe":      "<" + m.ListUnsubscribe + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"X-Triage-Ticket":       "42",
			"Auto-Submitted":        "auto-generated",
		} {
			if got := got.Header.Get(name); got != want {
				t.Errorf("%s: got %q, want %q", name, got, want)
			}
		}
		if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative;") {
			t.Errorf("Content-Type: got %q, want multipart/alternative", ct)
		}
		raw := string(got.Raw)
		if i, j := strings.Index(raw, "Content-Type: text/plain"), strings.Index(raw, "Content-Type: text/html"); i < 0 || j < 0 || i > j {
			t.Errorf("want the text part before the HTML part; text at %d, html at %d", i, j)
		}
		for _, line := range strings.Split(raw, "\r\n") {
			if len(line) > 998 {
				t.Errorf("line of %d octets exceeds RFC 5322's limit", len(line))
			}
		}
	})

	t.Run("HTTPUnsubscribeURLHasNoOneClick", func(t *testing.T) {
		srv := smtptest.Start(t)
		m := testMessage()
		m.ListUnsubscribe = "http://localhost:8080/api/v1/unsubscribe?token=abc"
		if err := newSender(srv).Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		got := waitOne(t, srv)
		if h := got.Header.Get("List-Unsubscribe"); h != "<"+m.ListUnsubscribe+">" {
			t.Errorf("List-Unsubscribe: got %q", h)
		}
		if h := got.Header.Get("List-Unsubscribe-Post"); h != "" {
			t.Errorf("List-Unsubscribe-Post: got %q, want none for http", h)
		}
	})

	t.Run("TextOnly", func(t *testing.T) {
		srv := smtptest.Start(t)
		m := &mail.Message{To: netmail.Address{Address: "a@example.com"}, Subject: "plain", Text: "just text\n"}
		if err := newSender(srv).Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		got := waitOne(t, srv)
		if got.Text != m.Text || got.HTML != "" {
			t.Errorf("got text %q html %q, want text only", got.Text, got.HTML)
		}
		if id := got.Header.Get("Message-Id"); id == "" {
			t.Error("want a generated Message-ID")
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		srv := smtptest.Start(t)
		s := newSender(srv)
		var wg sync.WaitGroup
		errs := make(chan error, 5)
		for i := range 5 {
			wg.Go(func() {
				m := testMessage()
				m.MessageID = fmt.Sprintf("<m%d@example.com>", i)
				errs <- s.Send(context.Background(), m)
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := srv.Wait(ctx, 5); err != nil {
			t.Fatal(err)
		}
	})
}

func checkAddress(t *testing.T, h netmail.Header, field string, want netmail.Address) {
	t.Helper()
	got, err := h.AddressList(field)
	if err != nil {
		t.Fatalf("%s header %q: %v", field, h.Get(field), err)
	}
	if len(got) != 1 || *got[0] != want {
		t.Errorf("%s: got %v, want %v", field, got, want)
	}
}

func TestSMTPAuth(t *testing.T) {
	const user, password = "mailer", "s3cret-Pässword"

	t.Run("OK", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.WithAuth(user, password))
		s := newSender(srv, func(c *mail.SMTPConfig) { c.Username, c.Password = user, password })
		if err := s.Send(context.Background(), testMessage()); err != nil {
			t.Fatal(err)
		}
		if got := waitOne(t, srv); got.Username != user {
			t.Errorf("authenticated as %q, want %q", got.Username, user)
		}
	})

	t.Run("ErrWrongPassword", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.WithAuth(user, password))
		const wrong = "wrong-Pässword"
		s := newSender(srv, func(c *mail.SMTPConfig) { c.Username, c.Password = user, wrong })
		err := s.Send(context.Background(), testMessage())
		if err == nil {
			t.Fatal("want an error")
		}
		if strings.Contains(err.Error(), wrong) {
			t.Errorf("error %q contains the password", err)
		}
		if errors.Is(err, mail.ErrPermanent) {
			t.Errorf("error %q is permanent; a fixed configuration should be retried", err)
		}
	})

	t.Run("ErrServerRequiresAuth", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.WithAuth(user, password))
		err := newSender(srv).Send(context.Background(), testMessage())
		if err == nil {
			t.Fatal("want an error without credentials")
		}
	})

	t.Run("STARTTLS", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.WithAuth(user, password), smtptest.WithSTARTTLS())
		s := newSender(srv, func(c *mail.SMTPConfig) {
			c.TLS, c.TLSConfig, c.Username, c.Password = mail.TLSStartTLS, srv.ClientTLSConfig(), user, password
		})
		if err := s.Send(context.Background(), testMessage()); err != nil {
			t.Fatal(err)
		}
		if got := waitOne(t, srv); !got.TLS || got.Username != user {
			t.Errorf("got TLS %v user %q, want TLS and %q", got.TLS, got.Username, user)
		}
	})

	t.Run("ImplicitTLS", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.WithAuth(user, password), smtptest.WithImplicitTLS())
		s := newSender(srv, func(c *mail.SMTPConfig) {
			c.TLS, c.TLSConfig, c.Username, c.Password = mail.TLSImplicit, srv.ClientTLSConfig(), user, password
		})
		if err := s.Send(context.Background(), testMessage()); err != nil {
			t.Fatal(err)
		}
		if got := waitOne(t, srv); !got.TLS || got.Username != user {
			t.Errorf("got TLS %v user %q, want TLS and %q", got.TLS, got.Username, user)
		}
	})

	t.Run("ErrUntrustedCertificate", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.WithSTARTTLS())
		s := newSender(srv, func(c *mail.SMTPConfig) { c.TLS = mail.TLSStartTLS })
		if err := s.Send(context.Background(), testMessage()); err == nil {
			t.Fatal("want a certificate error")
		}
		if n := len(srv.Messages()); n != 0 {
			t.Errorf("server received %d messages", n)
		}
	})

	t.Run("ErrSTARTTLSUnsupported", func(t *testing.T) {
		srv := smtptest.Start(t)
		s := newSender(srv, func(c *mail.SMTPConfig) { c.TLS, c.Username, c.Password = mail.TLSStartTLS, user, password })
		err := s.Send(context.Background(), testMessage())
		if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
			t.Fatalf("got %v, want a STARTTLS error", err)
		}
		if strings.Contains(err.Error(), password) {
			t.Errorf("error %q contains the password", err)
		}
	})
}
