package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
)

func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, principalFrom(r.Context()).User)
}

// updateMe changes the caller's own profile. The service accepts only
// name and time zone here and names any other field it refuses.
func (s *Server) updateMe(w http.ResponseWriter, r *http.Request) {
	u, err := decodeUserPatch(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	user, err := s.svc.UpdateMe(r.Context(), principalFrom(r.Context()), u)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, user)
}

type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	var in passwordChange
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.ChangePassword(r.Context(), principalFrom(r.Context()), in.CurrentPassword, in.NewPassword); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// sessionJSON is a session with whether it is the one making the request.
type sessionJSON struct {
	*helpdesk.Session
	Current bool `json:"current"`
}

func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) {
	p := principalFrom(r.Context())
	sessions, err := s.svc.ListSessions(r.Context(), p)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]sessionJSON, len(sessions))
	for i, sess := range sessions {
		items[i] = sessionJSON{Session: sess, Current: sess.ID == p.SessionID}
	}
	writeJSON(w, http.StatusOK, list[sessionJSON]{Items: items})
}

// maxSessionIDLen bounds a session id worth looking up.
const maxSessionIDLen = 128

func (s *Server) revokeSession(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "" || len(id) > maxSessionIDLen {
		s.error(w, r, errNotFound)
		return
	}
	if err := s.svc.RevokeSession(r.Context(), principalFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listAPITokens(w http.ResponseWriter, r *http.Request) {
	tokens, err := s.svc.ListAPITokens(r.Context(), principalFrom(r.Context()))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list[*helpdesk.APIToken]{Items: tokens})
}

type newAPIToken struct {
	Name      string    `json:"name"`
	ExpiresAt *jsonTime `json:"expires_at"`
}

// createdAPIToken is a new token with its secret, shown this once.
type createdAPIToken struct {
	*helpdesk.APIToken
	Token string `json:"token"`
}

func (s *Server) createAPIToken(w http.ResponseWriter, r *http.Request) {
	var in newAPIToken
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	t, secret, err := s.svc.CreateAPIToken(r.Context(), principalFrom(r.Context()), in.Name, in.ExpiresAt.ptr())
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, createdAPIToken{APIToken: t, Token: secret})
}

func (s *Server) revokeAPIToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.RevokeAPIToken(r.Context(), principalFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
