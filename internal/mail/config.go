package mail

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// TLS modes of SMTPConfig.TLS.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS (required)
	TLSImplicit = "tls"      // TLS from the first byte ("smtps", port 465)
	TLSNone     = "none"     // no encryption; only for local relays and tests
)

// DefaultTimeout bounds one Send when SMTPConfig.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// SMTPConfig says how to reach the SMTP server. Build it with ParseSMTPURL
// and set From.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      string // TLSStartTLS (default when empty), TLSImplicit or TLSNone
	From     mail.Address
	Timeout  time.Duration // whole Send; DefaultTimeout when zero

	// TLSConfig overrides the TLS settings (e.g. RootCAs in tests). nil
	// uses the system roots; ServerName defaults to Host.
	TLSConfig *tls.Config
}

// ParseSMTPURL parses smtp://user:pass@host:587?tls=starttls|none and
// smtps://user:pass@host:465. The default port is 587 for starttls, 25 for
// none and 465 for smtps; the query may also set timeout=10s. Errors never
// contain the password.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, urlParseError(raw, err)
	}
	var c SMTPConfig
	switch u.Scheme {
	case "smtp":
		c.TLS = TLSStartTLS
	case "smtps":
		c.TLS = TLSImplicit
	default:
		return SMTPConfig{}, fmt.Errorf("SMTP URL: scheme %q: want smtp or smtps", u.Scheme)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return SMTPConfig{}, errors.New("SMTP URL: want smtp://[user:password@]host[:port][?tls=starttls|none]")
	}
	if c.Host = u.Hostname(); c.Host == "" {
		return SMTPConfig{}, errors.New("SMTP URL: missing host")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
		if c.Username == "" {
			return SMTPConfig{}, errors.New("SMTP URL: password without a user name")
		}
	}
	if err := c.parseQuery(u.Query(), u.Scheme); err != nil {
		return SMTPConfig{}, err
	}
	if c.Port, err = parsePort(u.Port(), c.TLS); err != nil {
		return SMTPConfig{}, err
	}
	return c, nil
}

func (c *SMTPConfig) parseQuery(q url.Values, scheme string) error {
	for key, vals := range q {
		if len(vals) != 1 {
			return fmt.Errorf("SMTP URL: %s given %d times", key, len(vals))
		}
		switch v := vals[0]; key {
		case "tls":
			if v != TLSStartTLS && v != TLSNone && v != TLSImplicit {
				return fmt.Errorf("SMTP URL: tls=%q: want starttls, tls or none", v)
			}
			if scheme == "smtps" && v != TLSImplicit {
				return fmt.Errorf("SMTP URL: smtps with tls=%s: use smtp:// for %s", v, v)
			}
			c.TLS = v
		case "timeout":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("SMTP URL: timeout=%q: want a positive duration such as 10s", v)
			}
			c.Timeout = d
		default:
			return fmt.Errorf("SMTP URL: unknown parameter %q (want tls or timeout)", key)
		}
	}
	return nil
}

func parsePort(s, mode string) (int, error) {
	if s == "" {
		switch mode {
		case TLSImplicit:
			return 465, nil
		case TLSNone:
			return 25, nil
		}
		return 587, nil
	}
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("SMTP URL: port %q: want 1-65535", s)
	}
	return p, nil
}

// urlParseError reports a url.Parse failure without the URL itself, which
// url.Error includes verbatim, password and all. The inner message quotes
// the offending part; when that part comes from the credentials (say an
// unescaped "/" in the password made the rest look like a port), only a
// generic message is safe.
func urlParseError(raw string, err error) error {
	const generic = "SMTP URL: malformed (percent-encode special characters in the user name and password)"
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		return errors.New(generic)
	}
	msg := uerr.Err.Error()
	if creds := rawUserinfo(raw); creds != "" {
		for _, q := range quoted.FindAllStringSubmatch(msg, -1) {
			if len(q[1]) > 1 && strings.Contains(creds, q[1]) {
				return errors.New(generic)
			}
		}
	}
	return fmt.Errorf("SMTP URL: %s", msg)
}

var quoted = regexp.MustCompile(`"([^"]*)"`)

// rawUserinfo returns what url.Parse would take as user name and password
// in the best case: everything between "://" and the last "@".
func rawUserinfo(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		rest = raw
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	return rest[:at]
}

// Validate reports a configuration that cannot send. Call it at start-up.
func (c SMTPConfig) Validate() error {
	switch {
	case c.Host == "":
		return errors.New("SMTP: missing host")
	case c.Port < 0 || c.Port > 65535:
		return fmt.Errorf("SMTP: port %d out of range", c.Port)
	case c.TLS != "" && c.TLS != TLSStartTLS && c.TLS != TLSImplicit && c.TLS != TLSNone:
		return fmt.Errorf("SMTP: tls %q: want starttls, tls or none", c.TLS)
	case c.Password != "" && c.Username == "":
		return errors.New("SMTP: password without a user name")
	case c.From.Address == "":
		return errors.New("SMTP: missing From address")
	}
	if _, err := mail.ParseAddress(c.From.Address); err != nil {
		return fmt.Errorf("SMTP: From address %q is invalid", c.From.Address)
	}
	return nil
}

// String describes the configuration with the password masked, so it is
// safe to log.
func (c SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: c.Host}
	if c.Port != 0 {
		u.Host = net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	}
	switch {
	case c.Username != "" && c.Password != "":
		u.User = url.UserPassword(c.Username, "xxxxx")
	case c.Username != "":
		u.User = url.User(c.Username)
	}
	if c.TLS == TLSImplicit {
		u.Scheme = "smtps"
	} else if c.TLS != "" {
		u.RawQuery = "tls=" + url.QueryEscape(c.TLS)
	}
	return u.String()
}
