// Package httpapi serves Triage's JSON API over HTTP: one route table on the
// standard library mux, strict JSON decoding, RFC 9457 problem responses, and
// the security middleware (request ids, recovery, access log, headers, CORS,
// CSRF, rate limits, body limits, authentication).
package httpapi

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"os"
	"strings"

	"github.com/triagehq/triage/internal/realtime"
	"github.com/triagehq/triage/internal/service"
)

// DefaultMaxBodyBytes bounds a request body when Config.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 1 << 20

// Config configures a Server. It is built and validated in cmd.
type Config struct {
	// BaseURL is the public URL of the site, e.g. https://help.example.com,
	// used to build links such as password reset URLs.
	BaseURL string
	// TLS marks cookies Secure and sends HSTS. It is also on when BaseURL
	// starts with https://.
	TLS bool
	// CORSOrigins lists the exact origins (scheme://host[:port]) allowed to
	// call the API from a browser with credentials.
	CORSOrigins []string
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// MaxBodyBytes bounds every request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RateLimits sets the limiters; zero fields take the defaults.
	RateLimits RateLimits
	// NewLimiter builds a limiter for each named rate; nil keeps them in
	// this process. A shared store (Redis) plugs in here when several
	// instances must agree.
	NewLimiter func(name string, r Rate) Limiter
	// UnsubscribeKey checks one-click unsubscribe links
	// (service.UnsubscribeKey of the server secret).
	UnsubscribeKey []byte
	// CursorKey signs pagination cursors. Every instance behind one load
	// balancer needs the same key; empty means a random per-process key.
	CursorKey []byte
	// Registration allows customers to sign up by themselves.
	Registration bool
	// PasswordResets delivers password reset links besides the mail the
	// service queues itself (Options.ResetMailKey); nil only logs that a
	// reset was requested and whether its mail was queued, never the token.
	PasswordResets ResetSender
	// Logger receives the access log and error reports; nil logs JSON to
	// standard error.
	Logger *slog.Logger
	// Ready reports whether the server may take traffic; nil asks the
	// service (database reachable, migrations current).
	Ready func(ctx context.Context) error
	// App serves everything outside the API (the web app); nil answers 404.
	App http.Handler
	// Live is the hub behind GET /api/v1/ws; nil turns live updates off
	// (the route answers 503).
	Live *realtime.Hub
}

// ResetSender delivers a password reset link to a user.
type ResetSender interface {
	SendPasswordReset(ctx context.Context, t *service.PasswordResetTicket, resetURL string) error
}

// Server is Triage's HTTP API.
type Server struct {
	svc         *service.Service
	cfg         Config
	log         *slog.Logger
	cursors     cursorCodec
	limits      limiters
	csrf        *http.CrossOriginProtection
	corsAllowed map[string]bool
	routes      []route
	ws          http.Handler // nil when live updates are off
	api         *http.ServeMux
	handler     http.Handler
}

// NewServer returns a Server calling svc.
func NewServer(svc *service.Service, cfg Config) *Server {
	cfg = cfg.withDefaults()
	if cfg.Ready == nil {
		cfg.Ready = svc.Ready
	}
	s := &Server{svc: svc, cfg: cfg, log: cfg.Logger, cursors: cursorCodec{key: cfg.CursorKey}}
	s.limits = newLimiters(cfg.RateLimits, cfg.NewLimiter)
	s.csrf, s.corsAllowed = newOriginPolicy(cfg.CORSOrigins, s.log)
	s.ws = s.newLiveHandler(cfg.Live)
	s.routes = s.routeTable()
	s.api = http.NewServeMux()
	for _, rt := range s.routes {
		s.api.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	s.handler = s.middleware(http.HandlerFunc(s.dispatch))
	return s
}

// withDefaults fills in the zero fields of c.
func (c Config) withDefaults() Config {
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if strings.HasPrefix(strings.ToLower(c.BaseURL), "https://") {
		c.TLS = true
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if len(c.CursorKey) == 0 {
		c.CursorKey = make([]byte, 32)
		rand.Read(c.CursorKey)
	}
	c.RateLimits = c.RateLimits.withDefaults()
	return c
}

// Handler returns the server's root handler, middleware included.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the limiters' background clean-up.
func (s *Server) Close() error {
	return s.limits.Close()
}

// dispatch sends API paths to the route table and everything else to the
// web app, so unknown API paths answer problem+json rather than HTML.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if isAPIPath(r.URL.Path) {
		s.serveAPI(w, r)
		return
	}
	if s.cfg.App != nil {
		s.cfg.App.ServeHTTP(w, r)
		return
	}
	s.error(w, r, errNotFound)
}

// serveAPI runs the matching route, and turns the mux's own plain-text 404
// and 405 answers into problems.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.api.Handler(r)
	if pattern != "" {
		s.api.ServeHTTP(w, r)
		return
	}
	probe := &statusProbe{header: http.Header{}}
	h.ServeHTTP(probe, r)
	if probe.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", probe.header.Get("Allow"))
		s.error(w, r, &statusError{status: http.StatusMethodNotAllowed, detail: "This route does not support the " + r.Method + " method."})
		return
	}
	s.error(w, r, errNotFound)
}

// isAPIPath reports whether path belongs to the API rather than the web app.
func isAPIPath(path string) bool {
	return path == "/api" || strings.HasPrefix(path, "/api/") || path == "/livez" || path == "/readyz"
}

// statusProbe records what the mux's fallback handler would answer.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(status int)      { p.status = status }

var _ io.Closer = (*Server)(nil)
