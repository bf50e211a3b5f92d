package httpapi

import (
	"net/http"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Cookie names. The access cookie carries the short-lived JWT to every
// path; the refresh cookie only ever travels to the auth routes.
const (
	accessCookie  = "triage_access"
	refreshCookie = "triage_refresh"
	refreshPath   = "/api/v1/auth"
)

// apiTokenPrefix starts every API token.
const apiTokenPrefix = "trg_"

// authenticate resolves the caller's credentials, if any, into a principal
// in the request context: an `Authorization: Bearer trg_...` API token, or
// else the access cookie. Bad or expired credentials leave the request
// anonymous; routes that need a caller then answer 401. Only a failure to
// check them at all (the database is down) is an error.
func (s *Server) authenticate(r *http.Request) (*http.Request, error) {
	var (
		p   *helpdesk.Principal
		err error
	)
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := bearerToken(h)
		if !ok {
			return r, nil
		}
		p, err = s.svc.AuthenticateAPIToken(r.Context(), token)
	} else if c, cerr := r.Cookie(accessCookie); cerr == nil && c.Value != "" {
		p, err = s.svc.Authenticate(r.Context(), c.Value)
	} else {
		return r, nil
	}
	if helpdesk.ErrorCode(err) == helpdesk.EUNAUTHORIZED {
		return r, nil
	} else if err != nil {
		return r, err
	}
	return r.WithContext(withPrincipal(r.Context(), p)), nil
}

// bearerToken extracts an API token from an Authorization header.
func bearerToken(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, strings.HasPrefix(token, apiTokenPrefix)
}
