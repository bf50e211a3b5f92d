package httpapi

import (
	"net/http"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// sessionResponse answers login, register and refresh. ExpiresAt is when
// the access cookie runs out and the client should refresh.
type sessionResponse struct {
	User      *helpdesk.User `json:"user"`
	ExpiresAt time.Time      `json:"expires_at"`
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.allowIP(w, r, s.limits.loginIP) {
		return
	}
	var in loginRequest
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	if !s.allowAccount(w, r, s.limits.loginAccount, in.Email) {
		return
	}
	res, err := s.svc.Login(r.Context(), in.Email, in.Password)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.startSession(w, r, http.StatusOK, res)
}

// startSession sets the cookies of a new or renewed session and answers
// with its user.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, status int, res *service.LoginResult) {
	infoFrom(r.Context()).userID = res.User.ID
	s.setSessionCookies(w, res)
	writeJSON(w, status, sessionResponse{User: res.User, ExpiresAt: res.AccessExpiresAt})
}

// logout ends the caller's cookie session and clears the cookies. A
// browser whose access cookie has already expired still holds the refresh
// cookie; the session it renews is ended too, so no live refresh token
// outlives a logout. Logout succeeds without a session, so a client can
// always clean up.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.endSession(r); err != nil {
		s.error(w, r, err)
		return
	}
	s.clearSessionCookies(w)
	w.WriteHeader(http.StatusNoContent)
}

// endSession ends the session a logout names: the authenticated one, or
// else the one the refresh cookie renews. API tokens have no session; a
// missing or dead refresh token leaves nothing to end.
func (s *Server) endSession(r *http.Request) error {
	if p := principalFrom(r.Context()); p != nil {
		if p.SessionID == "" {
			return nil
		}
		return s.svc.Logout(r.Context(), p)
	}
	c, err := r.Cookie(refreshCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	err = s.svc.LogoutRefreshToken(r.Context(), c.Value)
	if helpdesk.ErrorCode(err) == helpdesk.EUNAUTHORIZED {
		return nil
	}
	return err
}

// refresh rotates the refresh token for a new access token. A refused
// token also clears the cookies, since they can no longer be used.
func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(refreshCookie)
	if err != nil || c.Value == "" {
		s.error(w, r, errUnauthenticated)
		return
	}
	res, err := s.svc.Refresh(r.Context(), c.Value)
	if err != nil {
		if helpdesk.ErrorCode(err) == helpdesk.EUNAUTHORIZED {
			s.clearSessionCookies(w)
		}
		s.error(w, r, err)
		return
	}
	s.startSession(w, r, http.StatusOK, res)
}

type registerRequest struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Password string `json:"password"`
	TimeZone string `json:"time_zone"`
}

// register signs a customer up. The request cannot carry a role: the
// decoder refuses unknown fields and the service makes every sign-up a
// customer.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.Registration {
		s.error(w, r, helpdesk.Errorf(helpdesk.EUNAVAILABLE, "Registration is switched off; ask an administrator for an account."))
		return
	}
	if !s.allowIP(w, r, s.limits.registerIP) {
		return
	}
	var in registerRequest
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	res, err := s.svc.Register(r.Context(), service.RegisterInput{
		Email: in.Email, Name: in.Name, Password: in.Password, TimeZone: in.TimeZone,
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.startSession(w, r, http.StatusCreated, res)
}
