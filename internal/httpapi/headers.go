package httpapi

import "net/http"

// Content security policies. The web app loads only its own scripts,
// styles and images; API responses are data and may load nothing.
const (
	cspHTML = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	cspAPI = "default-src 'none'; frame-ancestors 'none'"
)

// hstsMaxAge is two years, the usual preload requirement.
const hstsValue = "max-age=63072000; includeSubDomains"

// securityHeaders sets the headers that protect every response. API
// responses are never cached: they carry one user's data.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.cfg.TLS {
			h.Set("Strict-Transport-Security", hstsValue)
		}
		if isAPIPath(r.URL.Path) {
			h.Set("Content-Security-Policy", cspAPI)
			h.Set("Cache-Control", "no-store")
		} else {
			h.Set("Content-Security-Policy", cspHTML)
		}
		next.ServeHTTP(w, r)
	})
}
