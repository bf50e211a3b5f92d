package httpapi

import (
	"net/http"
	"time"

	"github.com/triagehq/triage/internal/service"
)

// setSessionCookies hands the browser a session: the access JWT for every
// path, the refresh token for the auth routes only. Both are out of reach
// of scripts (HttpOnly) and of cross-site subrequests (SameSite=Lax).
func (s *Server) setSessionCookies(w http.ResponseWriter, res *service.LoginResult) {
	now := time.Now()
	http.SetCookie(w, s.cookie(accessCookie, res.AccessToken, "/", res.AccessExpiresAt.Sub(now)))
	http.SetCookie(w, s.cookie(refreshCookie, res.RefreshToken, refreshPath, res.RefreshExpiresAt.Sub(now)))
}

// clearSessionCookies removes both session cookies from the browser.
func (s *Server) clearSessionCookies(w http.ResponseWriter) {
	http.SetCookie(w, s.cookie(accessCookie, "", "/", -1))
	http.SetCookie(w, s.cookie(refreshCookie, "", refreshPath, -1))
}

// cookie builds a session cookie living for ttl; a negative ttl deletes it.
func (s *Server) cookie(name, value, path string, ttl time.Duration) *http.Cookie {
	maxAge := int(ttl / time.Second)
	if ttl < 0 || maxAge <= 0 {
		maxAge = -1
	}
	return &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     path,
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   s.cfg.TLS,
		SameSite: http.SameSiteLaxMode,
	}
}
