package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTP sends mail through an SMTP server, one connection per message. It is
// safe for concurrent use.
type SMTP struct {
	cfg SMTPConfig
}

var _ Sender = (*SMTP)(nil)

// NewSMTP returns a sender for cfg. Invalid settings surface as Send
// errors; call cfg.Validate at start-up to catch them early.
func NewSMTP(cfg SMTPConfig) *SMTP {
	if cfg.TLS == "" {
		cfg.TLS = TLSStartTLS
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Port == 0 {
		cfg.Port, _ = parsePort("", cfg.TLS)
	}
	return &SMTP{cfg: cfg}
}

// Send delivers m. It gives up when ctx ends or after the configured
// timeout. Errors wrap ErrPermanent when retrying cannot help (5xx replies,
// invalid messages); connection failures and 4xx replies are temporary.
// Errors never contain the password.
func (s *SMTP) Send(ctx context.Context, m *Message) error {
	if err := s.cfg.Validate(); err != nil {
		return &sendError{msg: "send mail: " + err.Error(), errs: []error{err, ErrPermanent}}
	}
	msg, err := compose(s.cfg.From, m)
	if err != nil {
		return &sendError{msg: "send mail: " + err.Error(), errs: []error{err, ErrPermanent}}
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()

	d := &dialer{ctx: ctx, tls: s.tlsConfig(), implicit: s.cfg.TLS == TLSImplicit}
	defer d.release()
	client, err := gomail.NewClient(s.cfg.Host, s.clientOptions(d)...)
	if err != nil {
		return s.wrap(ctx, fmt.Errorf("configure SMTP client: %w", err), m.To.Address)
	}
	err = client.DialAndSendWithContext(ctx, msg)
	if err != nil && msg.IsDelivered() {
		// The server accepted the message and only RSET or QUIT failed;
		// reporting an error would make the caller send it twice.
		return nil
	}
	return s.wrap(ctx, err, m.To.Address)
}

func (s *SMTP) clientOptions(d *dialer) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithDialContextFunc(d.dial),
		gomail.WithTLSConfig(s.tlsConfig()),
	}
	switch s.cfg.TLS {
	case TLSImplicit:
		// The dialer does the handshake; WithSSL stops go-mail from also
		// trying STARTTLS on the already encrypted connection.
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password),
			gomail.WithOpportunisticSMTPAuth(s.authMechanisms()...))
	}
	return opts
}

// authMechanisms lists the mechanisms to try, best first. PLAIN and LOGIN
// refuse to run without TLS unless the operator chose TLS "none".
func (s *SMTP) authMechanisms() []gomail.SMTPAuthType {
	plain, login := gomail.SMTPAuthPlain, gomail.SMTPAuthLogin
	if s.cfg.TLS == TLSNone {
		plain, login = gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc
	}
	return []gomail.SMTPAuthType{gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
		gomail.SMTPAuthCramMD5, plain, login}
}

func (s *SMTP) tlsConfig() *tls.Config {
	c := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.cfg.TLSConfig != nil {
		c = s.cfg.TLSConfig.Clone()
	}
	if c.ServerName == "" {
		c.ServerName = s.cfg.Host
	}
	return c
}

// wrap classifies err and removes the password and the recipient from its
// text: the text ends up in job records that admins can read.
func (s *SMTP) wrap(ctx context.Context, err error, recipient string) error {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if ctxErr := ctx.Err(); ctxErr != nil {
		errs = append(errs, ctxErr)
	} else if isPermanent(err) {
		errs = append(errs, ErrPermanent)
	}
	msg := err.Error()
	if pw := s.cfg.Password; pw != "" {
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
		msg = strings.ReplaceAll(msg, url.QueryEscape(pw), "xxxxx")
	}
	if recipient != "" {
		msg = strings.ReplaceAll(msg, recipient, "<recipient>")
	}
	return &sendError{msg: fmt.Sprintf("send mail via %s:%d: %s", s.cfg.Host, s.cfg.Port, msg), errs: errs}
}

// isPermanent reports a 5xx reply to MAIL, RCPT or DATA, or a message that
// can never be sent as it is.
func isPermanent(err error) bool {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return false
	}
	switch se.Reason {
	case gomail.ErrGetSender, gomail.ErrGetRcpts, gomail.ErrNoUnencoded:
		return true
	}
	code := se.ErrorCode()
	return !se.IsTemp() && code >= 500 && code <= 599
}

// sendError carries a redacted message while still matching the causes
// with errors.Is and errors.As.
type sendError struct {
	msg  string
	errs []error
}

func (e *sendError) Error() string   { return e.msg }
func (e *sendError) Unwrap() []error { return e.errs }

// dialer opens the connection for one Send and closes it when the Send's
// context ends, so a cancelled Send never waits for a slow server: go-mail
// itself only watches the context while dialling.
type dialer struct {
	ctx      context.Context
	tls      *tls.Config
	implicit bool

	mu    sync.Mutex
	stops []func() bool
}

func (d *dialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	raw, err := (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.stops = append(d.stops, context.AfterFunc(d.ctx, func() { raw.Close() }))
	d.mu.Unlock()
	if !d.implicit {
		return raw, nil
	}
	conn := tls.Client(raw, d.tls)
	if err := conn.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("TLS handshake: %w", err)
	}
	return conn, nil
}

func (d *dialer) release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, stop := range d.stops {
		stop()
	}
}
