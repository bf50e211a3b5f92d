package smtptest_test

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/triagehq/triage/internal/mail/smtptest"
)

// rawMessage is multipart/alternative with a base64 text part and a
// quoted-printable HTML part, as other mailers write them.
const rawMessage = "From: a@example.com\r\n" +
	"To: b@example.com\r\n" +
	"Subject: =?utf-8?b?R3LDvMOfZQ==?=\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/alternative; boundary=XYZ\r\n" +
	"\r\n" +
	"--XYZ\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: base64\r\n" +
	"\r\n" +
	"SGFsbG8gSsO2cmcsCnRoZSBlbmQuCg==\r\n" +
	"--XYZ\r\n" +
	"Content-Type: text/html; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: quoted-printable\r\n" +
	"\r\n" +
	"<p>Hallo J=C3=B6rg, a long=\r\n line</p>\r\n" +
	"--XYZ--\r\n"

// send delivers rawMessage over a plain connection (go-smtp's SendMail
// insists on STARTTLS).
func send(addr string, auth sasl.Client) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if auth != nil {
		if err := c.Auth(auth); err != nil {
			return err
		}
	}
	if err := c.SendMail("a@example.com", []string{"b@example.com", "c@example.com"}, strings.NewReader(rawMessage)); err != nil {
		return err
	}
	return c.Quit()
}

func wait(t *testing.T, s *smtptest.Server, n int) []smtptest.Received {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := s.Wait(ctx, n)
	if err != nil {
		t.Fatalf("wait for %d messages: %v", n, err)
	}
	return msgs
}

func TestServer(t *testing.T) {
	t.Run("DecodesParts", func(t *testing.T) {
		s := smtptest.Start(t)
		if err := send(s.Addr(), nil); err != nil {
			t.Fatal(err)
		}
		got := wait(t, s, 1)[0]
		if got.From != "a@example.com" || strings.Join(got.To, ",") != "b@example.com,c@example.com" {
			t.Errorf("envelope: got %q -> %q", got.From, got.To)
		}
		if got.Subject != "Grüße" {
			t.Errorf("subject: got %q", got.Subject)
		}
		if got.Text != "Hallo Jörg,\nthe end.\n" {
			t.Errorf("text: got %q", got.Text)
		}
		if got.HTML != "<p>Hallo Jörg, a long line</p>" {
			t.Errorf("html: got %q", got.HTML)
		}
		if got.Header.Get("To") != "b@example.com" || string(got.Raw) != rawMessage {
			t.Errorf("header or raw message differ")
		}
		if got.TLS || got.Username != "" {
			t.Errorf("got TLS %v user %q, want neither", got.TLS, got.Username)
		}
	})

	t.Run("MessagesIsACopy", func(t *testing.T) {
		s := smtptest.Start(t)
		if err := send(s.Addr(), nil); err != nil {
			t.Fatal(err)
		}
		wait(t, s, 1)
		s.Messages()[0].From = "changed"
		if got := s.Messages()[0].From; got != "a@example.com" {
			t.Errorf("Messages shares storage: From became %q", got)
		}
	})

	t.Run("WaitHonoursContext", func(t *testing.T) {
		s := smtptest.Start(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := s.Wait(ctx, 1); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	})

	t.Run("WaitWakesOnArrival", func(t *testing.T) {
		s := smtptest.Start(t)
		errc := make(chan error, 1)
		go func() {
			errc <- send(s.Addr(), nil)
		}()
		if n := len(wait(t, s, 1)); n != 1 {
			t.Errorf("got %d messages", n)
		}
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	})

	t.Run("FailNext", func(t *testing.T) {
		s := smtptest.Start(t)
		s.FailNext(2, 451)
		for range 2 {
			var serr *smtp.SMTPError
			if err := send(s.Addr(), nil); !errors.As(err, &serr) || serr.Code != 451 {
				t.Fatalf("got %v, want a 451 reply", err)
			}
		}
		if err := send(s.Addr(), nil); err != nil {
			t.Fatalf("third send: %v", err)
		}
		if n := len(wait(t, s, 1)); n != 1 {
			t.Errorf("got %d messages, want only the accepted one", n)
		}
	})

	t.Run("StopRefusesRestartAccepts", func(t *testing.T) {
		s := smtptest.Start(t)
		addr := s.Addr()
		s.Stop()
		s.Stop() // idempotent
		if err := send(addr, nil); !errors.Is(err, syscall.ECONNREFUSED) {
			t.Fatalf("got %v, want connection refused", err)
		}
		s.Restart()
		if s.Addr() != addr {
			t.Fatalf("restarted at %s, want %s", s.Addr(), addr)
		}
		if err := send(addr, nil); err != nil {
			t.Fatal(err)
		}
		s.Restart() // while running: stop, then listen again
		if err := send(addr, nil); err != nil {
			t.Fatal(err)
		}
		wait(t, s, 2)
	})

	t.Run("StopClosesOpenConnections", func(t *testing.T) {
		s := smtptest.Start(t)
		c, err := smtp.Dial(s.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Hello("localhost"); err != nil {
			t.Fatal(err)
		}
		s.Stop()
		if err := c.Noop(); err == nil {
			t.Fatal("want an error on a connection the server closed")
		}
	})

	t.Run("Auth", func(t *testing.T) {
		s := smtptest.Start(t, smtptest.WithAuth("user", "pass"))
		if err := send(s.Addr(), nil); err == nil {
			t.Fatal("want an error without AUTH")
		}
		if err := send(s.Addr(), sasl.NewPlainClient("", "user", "wrong")); err == nil {
			t.Fatal("want an error with a wrong password")
		}
		if err := send(s.Addr(), sasl.NewPlainClient("", "user", "pass")); err != nil {
			t.Fatal(err)
		}
		if got := wait(t, s, 1); len(got) != 1 || got[0].Username != "user" {
			t.Errorf("got %+v, want one message from user", got)
		}
	})

	t.Run("STARTTLS", func(t *testing.T) {
		s := smtptest.Start(t, smtptest.WithSTARTTLS())
		c, err := smtp.DialStartTLS(s.Addr(), s.ClientTLSConfig())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.SendMail("a@example.com", []string{"b@example.com"}, strings.NewReader(rawMessage)); err != nil {
			t.Fatal(err)
		}
		if got := wait(t, s, 1); !got[0].TLS {
			t.Error("want TLS recorded")
		}
	})

	t.Run("ImplicitTLS", func(t *testing.T) {
		s := smtptest.Start(t, smtptest.WithImplicitTLS())
		c, err := smtp.DialTLS(s.Addr(), s.ClientTLSConfig())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.SendMail("a@example.com", []string{"b@example.com"}, strings.NewReader(rawMessage)); err != nil {
			t.Fatal(err)
		}
		if got := wait(t, s, 1); !got[0].TLS {
			t.Error("want TLS recorded")
		}
	})
}
