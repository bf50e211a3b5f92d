// Package smtptest runs a real SMTP server on 127.0.0.1 for tests. It
// records what it receives, can be stopped and restarted on the same port
// to simulate an outage, and can fail chosen deliveries.
package smtptest

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Received is one accepted message.
type Received struct {
	From     string   // envelope sender (MAIL FROM)
	To       []string // envelope recipients (RCPT TO)
	Raw      []byte
	Header   mail.Header
	Subject  string // decoded (RFC 2047)
	Text     string // decoded text/plain part, CRLF turned into LF
	HTML     string // decoded text/html part, CRLF turned into LF
	Username string // the AUTH user name, empty without AUTH
	TLS      bool   // whether the message arrived over TLS
}

// Option configures Start.
type Option func(*Server)

// WithAuth requires AUTH PLAIN with these credentials before MAIL FROM.
// Plain-text AUTH is allowed without TLS so tests need no certificates.
func WithAuth(username, password string) Option {
	return func(s *Server) { s.username, s.password = username, password }
}

// WithSTARTTLS offers STARTTLS with a self-signed certificate; clients
// trust it through ClientTLSConfig.
func WithSTARTTLS() Option {
	return func(s *Server) { s.startTLS = true }
}

// WithImplicitTLS speaks TLS from the first byte, like port 465.
func WithImplicitTLS() Option {
	return func(s *Server) { s.implicitTLS = true }
}

// Server is a running test SMTP server. Its methods are safe for concurrent
// use, but Stop and Restart fail the test through testing.TB and so belong
// on the test's goroutine.
type Server struct {
	t                     testing.TB
	username, password    string
	startTLS, implicitTLS bool
	serverTLS, clientTLS  *tls.Config

	mu        sync.Mutex
	addr      string
	running   bool
	srv       *smtp.Server
	ln        *trackingListener
	serveDone chan struct{}
	msgs      []Received
	arrived   chan struct{} // closed and replaced on every message
	failN     int
	failCode  int
}

// Start listens on 127.0.0.1 at a free port. The server stops when the
// test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, arrived: make(chan struct{})}
	for _, opt := range opts {
		opt(s)
	}
	if s.startTLS || s.implicitTLS {
		var err error
		if s.serverTLS, s.clientTLS, err = selfSigned(); err != nil {
			t.Fatalf("smtptest: certificate: %v", err)
		}
	}
	if err := s.listen("127.0.0.1:0"); err != nil {
		t.Fatalf("smtptest: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Addr returns "127.0.0.1:port"; it stays the same across Restart.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Host returns the address to give an SMTP client: always "127.0.0.1".
func (s *Server) Host() string { return "127.0.0.1" }

// Port returns the port the server listens on; it stays the same across
// Restart.
func (s *Server) Port() int {
	_, port, _ := net.SplitHostPort(s.Addr())
	p, _ := strconv.Atoi(port)
	return p
}

// ClientTLSConfig returns a client configuration that trusts the server's
// certificate, or nil when the server does not use TLS.
func (s *Server) ClientTLSConfig() *tls.Config {
	if s.clientTLS == nil {
		return nil
	}
	return s.clientTLS.Clone()
}

// Messages returns a copy of the messages received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// Wait returns the received messages once there are at least n, or ctx's
// error when it ends first.
func (s *Server) Wait(ctx context.Context, n int) ([]Received, error) {
	for {
		s.mu.Lock()
		if len(s.msgs) >= n {
			msgs := append([]Received(nil), s.msgs...)
			s.mu.Unlock()
			return msgs, nil
		}
		arrived := s.arrived
		s.mu.Unlock()
		select {
		case <-arrived:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// FailNext makes the next n messages fail at the end of DATA with code,
// e.g. 451 (temporary) or 550 (permanent). Failed messages are not recorded.
func (s *Server) FailNext(n int, code int) {
	if code < 400 || code > 599 {
		s.t.Errorf("smtptest: FailNext code %d: want 4xx or 5xx", code)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN, s.failCode = n, code
}

// Stop closes the listener and every connection; new connections are
// refused until Restart. Received messages are kept.
func (s *Server) Stop() {
	s.mu.Lock()
	if !s.running {
		s.mu.Unlock()
		return
	}
	s.running = false
	srv, ln, done := s.srv, s.ln, s.serveDone
	s.mu.Unlock()

	// Order matters: once Serve has returned no new handler can start, so
	// closing the connections and then Shutdown waits for every handler.
	ln.Close()
	<-done
	ln.closeConns()
	_ = srv.Shutdown(context.Background()) // reports the already closed listener
}

// Restart listens again on the same port after Stop (stopping first if
// still running).
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	if err := s.listen(s.Addr()); err != nil {
		s.t.Fatalf("smtptest: restart: %v", err)
	}
}

func (s *Server) listen(addr string) error {
	raw, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ln := &trackingListener{Listener: raw, conns: make(map[net.Conn]struct{})}
	var l net.Listener = ln
	if s.implicitTLS {
		l = tls.NewListener(ln, s.serverTLS)
	}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.MaxMessageBytes = 10 << 20
	srv.ErrorLog = log.New(io.Discard, "", 0)
	if s.startTLS {
		srv.TLSConfig = s.serverTLS
	}
	done := make(chan struct{})

	s.mu.Lock()
	s.addr, s.running, s.srv, s.ln, s.serveDone = raw.Addr().String(), true, srv, ln, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		_ = srv.Serve(l) // returns when Stop closes the listener
	}()
	return nil
}

// record stores a message and wakes every Wait.
func (s *Server) record(r Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, r)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// takeFailure consumes one injected failure, returning its code or 0.
func (s *Server) takeFailure() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failN == 0 {
		return 0
	}
	s.failN--
	return s.failCode
}

// trackingListener remembers accepted connections so Stop can close those
// go-smtp has not registered yet.
type trackingListener struct {
	net.Listener
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
}

func (l *trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		c.Close()
		return nil, net.ErrClosed
	}
	tc := &trackedConn{Conn: c, l: l}
	l.conns[tc] = struct{}{}
	return tc, nil
}

func (l *trackingListener) closeConns() {
	l.mu.Lock()
	l.closed = true
	conns := l.conns
	l.conns = map[net.Conn]struct{}{}
	l.mu.Unlock()
	for c := range conns {
		c.(*trackedConn).Conn.Close()
	}
}

type trackedConn struct {
	net.Conn
	l *trackingListener
}

func (c *trackedConn) Close() error {
	c.l.mu.Lock()
	delete(c.l.conns, c)
	c.l.mu.Unlock()
	return c.Conn.Close()
}
