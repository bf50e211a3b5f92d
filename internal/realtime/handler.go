package realtime

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
)

// Handler serves the websocket endpoint (GET /api/v1/ws). Before upgrading
// it checks the Origin (403), authenticates the request (401) and loads the
// user's scope (401 for a user deleted or deactivated meanwhile).
type Handler struct {
	hub      *Hub
	auth     func(*http.Request) (*helpdesk.Principal, error)
	origins  map[string]bool // exact "scheme://host[:port]", lower-case
	patterns []string        // the same, for the library's own check
	fail     func(http.ResponseWriter, *http.Request, error)
}

// HandlerOptions configures a Handler.
type HandlerOptions struct {
	// Origins lists the cross-site origins allowed to connect, exactly as
	// browsers send them ("https://app.example.com"). Same-origin requests
	// are always allowed.
	Origins []string
	// Error writes a refusal; the HTTP package passes its own, so the
	// websocket endpoint answers like every other. By default the status
	// follows the error code and the body is the caller-safe message.
	Error func(http.ResponseWriter, *http.Request, error)
}

// NewHandler returns the websocket handler for hub. auth authenticates a
// request (the session cookie) and returns an error, or a nil principal,
// for an anonymous one. An origin that is not exactly scheme://host[:port]
// is an error: the allow-list takes no wildcards.
func NewHandler(hub *Hub, auth func(*http.Request) (*helpdesk.Principal, error), opts HandlerOptions) (*Handler, error) {
	h := &Handler{hub: hub, auth: auth, origins: make(map[string]bool), fail: opts.Error}
	if h.fail == nil {
		h.fail = writeError
	}
	for _, o := range opts.Origins {
		norm, err := normalizeOrigin(o)
		if err != nil {
			return nil, err
		}
		h.origins[norm] = true
		h.patterns = append(h.patterns, norm)
	}
	return h, nil
}

// normalizeOrigin checks that o is an exact origin and lower-cases it.
func normalizeOrigin(o string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(o))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" ||
		strings.ContainsAny(u.Host, "*?[]\\") {
		return "", fmt.Errorf("websocket origin %q: must be scheme://host[:port]", o)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// ServeHTTP checks the request, upgrades it and hands the socket to the hub.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.originAllowed(r) {
		h.fail(w, r, helpdesk.Errorf(helpdesk.EFORBIDDEN, "This origin may not open a live connection."))
		return
	}
	p, err := h.auth(r)
	if err == nil && (p == nil || p.User == nil) {
		err = helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.hub.authz.Viewer(r.Context(), p.User.ID)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		// Deleted or deactivated since the credentials were checked.
		err = helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{OriginPatterns: h.patterns})
	if err != nil {
		return // Accept has answered the request
	}
	conn.SetReadLimit(h.hub.cfg.ReadLimit)
	c, ok := h.hub.register(conn, p, v)
	if !ok {
		_ = conn.Close(websocket.StatusGoingAway, "server shutting down")
		return
	}
	// The handler returns now, and net/http frees the request, its
	// buffers and this goroutine's stack; the socket gets a goroutine with
	// a shallow stack, owned by the hub. This cuts an idle socket's cost
	// by a third (BenchmarkFanout: 23 KB to 15 KB).
	go h.hub.serve(c)
}

// originAllowed accepts a request with no Origin (not a browser, so not a
// cross-site request), from the same host, or from an allowed origin.
// Browsers always send Origin on websocket handshakes, and a page cannot
// remove or forge it.
func (h *Handler) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	norm, err := normalizeOrigin(origin)
	return err == nil && h.origins[norm]
}

// writeError answers a refused upgrade with the error's status and its
// caller-safe message.
func writeError(w http.ResponseWriter, _ *http.Request, err error) {
	status := http.StatusInternalServerError
	switch helpdesk.ErrorCode(err) {
	case helpdesk.EUNAUTHORIZED:
		status = http.StatusUnauthorized
	case helpdesk.EFORBIDDEN:
		status = http.StatusForbidden
	}
	http.Error(w, helpdesk.ErrorMessage(err), status)
}
