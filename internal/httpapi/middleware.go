package httpapi

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// middleware wraps h in the layers every request passes, outermost first:
// request id and client address, access log, panic recovery, security
// headers, CORS, cross-origin (CSRF) protection and the body size limit.
// Authentication and rate limits run per route, in wrap.
func (s *Server) middleware(h http.Handler) http.Handler {
	h = s.limitBody(h)
	h = s.checkOrigin(h)
	h = s.cors(h)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.accessLog(h)
	return s.identify(h)
}

// maxRequestIDLen bounds an accepted incoming X-Request-ID.
const maxRequestIDLen = 64

// identify gives the request its id (a sane incoming X-Request-ID, or a new
// one) and its client address, and records both for the audit log.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !validRequestID(id) {
			id = newRequestID()
		}
		info := &requestInfo{requestID: id, ip: clientIP(r, s.cfg.TrustedProxies)}
		w.Header().Set("X-Request-ID", id)
		ctx := withInfo(r.Context(), info)
		ctx = helpdesk.WithRequestMeta(ctx, helpdesk.RequestMeta{
			IP:        info.ip,
			RequestID: id,
			UserAgent: truncate(r.UserAgent(), 256),
		})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for _, c := range []byte(id) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// limitBody bounds every request body, so no handler can be made to read
// more than MaxBodyBytes.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBodyBytes {
			s.error(w, r, errTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}
