package httpapi

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// newOriginPolicy builds the CSRF protection and the CORS allow-list from
// the configured origins. An origin the CSRF check cannot parse is logged
// and left out of both, so the two never disagree.
func newOriginPolicy(origins []string, log *slog.Logger) (*http.CrossOriginProtection, map[string]bool) {
	csrf := http.NewCrossOriginProtection()
	allowed := make(map[string]bool, len(origins))
	for _, o := range origins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "" || o == "*" || o == "null" {
			log.Warn("ignoring CORS origin that is not an exact origin", slog.String("origin", o))
			continue
		}
		if err := csrf.AddTrustedOrigin(o); err != nil {
			log.Warn("ignoring invalid CORS origin", slog.String("origin", o), slog.String("error", err.Error()))
			continue
		}
		allowed[o] = true
	}
	return csrf, allowed
}

// checkOrigin refuses cross-origin state-changing requests from browsers
// (Sec-Fetch-Site / Origin), except from the allow-listed origins.
// Clients that send neither header, such as scripts using API tokens, pass.
func (s *Server) checkOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.csrf.Check(r); err != nil {
			s.error(w, r, helpdesk.Errorf(helpdesk.EFORBIDDEN, "Cross-origin requests are not allowed."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CORS settings for allow-listed origins.
const (
	corsMethods = "GET, POST, PUT, PATCH, DELETE"
	corsHeaders = "Authorization, Content-Type, X-Request-ID"
	corsExpose  = "Retry-After, X-Request-ID, Location"
	corsMaxAge  = 600
)

// cors answers preflights and marks responses readable by allow-listed
// origins, with credentials. Origins are matched exactly; there is no
// wildcard, so credentials are never shared with an unknown site.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		allowed := origin != "" && s.corsAllowed[origin]
		if r.Method == http.MethodOptions && origin != "" && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			if !allowed {
				s.error(w, r, helpdesk.Errorf(helpdesk.EFORBIDDEN, "This origin may not call the API."))
				return
			}
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Set("Access-Control-Allow-Methods", corsMethods)
			h.Set("Access-Control-Allow-Headers", corsHeaders)
			h.Set("Access-Control-Max-Age", strconv.Itoa(corsMaxAge))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if allowed {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Set("Access-Control-Expose-Headers", corsExpose)
		}
		next.ServeHTTP(w, r)
	})
}
