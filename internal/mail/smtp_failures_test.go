package mail_test

import (
	"context"
	"errors"
	"net"
	netmail "net/mail"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/mail/smtptest"
)

func TestSMTPFailures(t *testing.T) {
	t.Run("ConnectionRefusedIsTemporary", func(t *testing.T) {
		srv := smtptest.Start(t)
		srv.Stop()
		err := newSender(srv).Send(context.Background(), testMessage())
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Fatalf("got %v, want connection refused", err)
		}
		if errors.Is(err, mail.ErrPermanent) {
			t.Errorf("error %q is permanent", err)
		}
	})

	t.Run("Rejected550IsPermanent", func(t *testing.T) {
		srv := smtptest.Start(t)
		srv.FailNext(1, 550)
		s := newSender(srv)
		err := s.Send(context.Background(), testMessage())
		if !errors.Is(err, mail.ErrPermanent) {
			t.Fatalf("got %v, want ErrPermanent", err)
		}
		if !strings.Contains(err.Error(), "550") {
			t.Errorf("error %q does not name the reply code", err)
		}
		if n := len(srv.Messages()); n != 0 {
			t.Errorf("server kept %d rejected messages", n)
		}
		if err := s.Send(context.Background(), testMessage()); err != nil {
			t.Fatalf("send after the injected failure: %v", err)
		}
		waitOne(t, srv)
	})

	t.Run("Rejected451IsTemporary", func(t *testing.T) {
		srv := smtptest.Start(t)
		srv.FailNext(1, 451)
		err := newSender(srv).Send(context.Background(), testMessage())
		if err == nil || !strings.Contains(err.Error(), "451") {
			t.Fatalf("got %v, want a 451 error", err)
		}
		if errors.Is(err, mail.ErrPermanent) {
			t.Errorf("error %q is permanent", err)
		}
	})

	t.Run("StopThenRestart", func(t *testing.T) {
		srv := smtptest.Start(t)
		s := newSender(srv)
		port := srv.Port()
		srv.Stop()
		if err := s.Send(context.Background(), testMessage()); err == nil {
			t.Fatal("want an error while the server is stopped")
		}
		srv.Restart()
		if srv.Port() != port {
			t.Fatalf("restarted on port %d, want %d", srv.Port(), port)
		}
		if err := s.Send(context.Background(), testMessage()); err != nil {
			t.Fatalf("send after restart: %v", err)
		}
		waitOne(t, srv)
	})

	t.Run("ContextDeadlineWhileServerHangs", func(t *testing.T) {
		addr := hangingServer(t)
		host, port, _ := net.SplitHostPort(addr)
		p, _ := strconv.Atoi(port)
		s := mail.NewSMTP(mail.SMTPConfig{Host: host, Port: p, TLS: mail.TLSNone, From: from}) // default 30s timeout
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := s.Send(ctx, testMessage())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want context.DeadlineExceeded", err)
		}
		if errors.Is(err, mail.ErrPermanent) {
			t.Errorf("error %q is permanent", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Send took %v after its context ended", d)
		}
	})

	t.Run("InvalidMessageIsPermanent", func(t *testing.T) {
		srv := smtptest.Start(t)
		s := newSender(srv)
		for name, edit := range map[string]func(*mail.Message){
			"BadRecipient":       func(m *mail.Message) { m.To.Address = "not an address" },
			"NoBody":             func(m *mail.Message) { m.Text, m.HTML = "", "" },
			"HeaderInjection":    func(m *mail.Message) { m.Headers = map[string]string{"X-Evil": "a\r\nBcc: x@example.com"} },
			"BadHeaderName":      func(m *mail.Message) { m.Headers = map[string]string{"X Evil": "a"} },
			"ReservedHeader":     func(m *mail.Message) { m.Headers = map[string]string{"bcc": "x@example.com"} },
			"BadMessageID":       func(m *mail.Message) { m.MessageID = "<no at sign>" },
			"BadInReplyTo":       func(m *mail.Message) { m.InReplyTo = "ticket-42@example.com" },
			"BadReference":       func(m *mail.Message) { m.References = []string{"<a@b>\r\nBcc: x"} },
			"NonHTTPUnsubscribe": func(m *mail.Message) { m.ListUnsubscribe = "javascript:alert(1)" },
		} {
			t.Run(name, func(t *testing.T) {
				m := testMessage()
				edit(m)
				if err := s.Send(context.Background(), m); !errors.Is(err, mail.ErrPermanent) {
					t.Errorf("got %v, want ErrPermanent", err)
				}
			})
		}
		if n := len(srv.Messages()); n != 0 {
			t.Errorf("server received %d invalid messages", n)
		}
	})

	t.Run("SubjectLineBreaksRemoved", func(t *testing.T) {
		srv := smtptest.Start(t)
		m := testMessage()
		m.Subject = "Hello\r\nBcc: victim@example.com"
		if err := newSender(srv).Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		got := waitOne(t, srv)
		if got.Subject != "Hello Bcc: victim@example.com" || got.Header.Get("Bcc") != "" {
			t.Errorf("subject %q, Bcc %q", got.Subject, got.Header.Get("Bcc"))
		}
	})

	t.Run("ErrMissingFrom", func(t *testing.T) {
		srv := smtptest.Start(t)
		s := newSender(srv, func(c *mail.SMTPConfig) { c.From = netmail.Address{} })
		if err := s.Send(context.Background(), testMessage()); err == nil {
			t.Fatal("want an error without a From address")
		}
	})
}

// hangingServer accepts connections and never says anything.
func hangingServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}
