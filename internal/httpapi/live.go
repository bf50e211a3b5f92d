package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// newLiveHandler builds the websocket endpoint over hub, or returns nil
// when live updates are off.
func (s *Server) newLiveHandler(hub *realtime.Hub) http.Handler {
	if hub == nil {
		return nil
	}
	h, err := realtime.NewHandler(hub, s.liveAuth, realtime.HandlerOptions{
		Origins: s.cfg.CORSOrigins,
		Error:   s.error,
	})
	if err != nil {
		// The origins were validated with the rest of the configuration;
		// if one still fails here, live updates are off rather than open.
		s.log.Error("live updates disabled", "error", err.Error())
		return nil
	}
	return h
}

// liveAuth is the websocket's authentication: the route's middleware has
// already checked the credentials; a socket also needs a browser session,
// so that signing out closes it. API tokens poll or use webhooks instead.
func (s *Server) liveAuth(r *http.Request) (*helpdesk.Principal, error) {
	p := principalFrom(r.Context())
	if p == nil {
		return nil, nil
	}
	if p.SessionID == "" {
		return nil, helpdesk.Errorf(helpdesk.EFORBIDDEN, "Live updates need a signed-in session; API tokens cannot open one.")
	}
	return p, nil
}

// live serves GET /api/v1/ws.
func (s *Server) live(w http.ResponseWriter, r *http.Request) {
	if s.ws == nil {
		s.error(w, r, &statusError{status: http.StatusServiceUnavailable, detail: "Live updates are not available on this server."})
		return
	}
	s.ws.ServeHTTP(w, r)
}
