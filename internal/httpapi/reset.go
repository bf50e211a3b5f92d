package httpapi

import (
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/triagehq/triage/internal/service"
)

type resetRequest struct {
	Email string `json:"email"`
}

// requestPasswordReset always answers 202 the same way, so it cannot be
// used to learn which addresses have accounts.
func (s *Server) requestPasswordReset(w http.ResponseWriter, r *http.Request) {
	if !s.allowIP(w, r, s.limits.resetIP) {
		return
	}
	var in resetRequest
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	if !s.allowAccount(w, r, s.limits.resetAccount, in.Email) {
		return
	}
	t, err := s.svc.RequestPasswordReset(r.Context(), in.Email)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if t != nil {
		s.deliverReset(r, t)
	}
	w.WriteHeader(http.StatusAccepted)
}

// deliverReset hands the reset link to the configured sender. Without
// one it only logs that a reset was asked for, and whether the service
// queued its mail (it does when email is configured); the token never
// reaches a log. A failed delivery is logged, not shown, for the same
// reason the answer is always 202.
func (s *Server) deliverReset(r *http.Request, t *service.PasswordResetTicket) {
	info := infoFrom(r.Context())
	if s.cfg.PasswordResets == nil {
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "password reset requested",
			slog.String("request_id", info.requestID),
			slog.Int64("user_id", t.User.ID),
			slog.Bool("mail_queued", t.Mailed))
		return
	}
	if err := s.cfg.PasswordResets.SendPasswordReset(r.Context(), t, s.resetURL(t.Token)); err != nil {
		s.log.LogAttrs(r.Context(), slog.LevelError, "deliver password reset",
			slog.String("request_id", info.requestID),
			slog.Int64("user_id", t.User.ID),
			slog.String("error", err.Error()))
	}
}

// resetURL is the web app's page that sets a new password with token.
func (s *Server) resetURL(token string) string {
	return s.cfg.BaseURL + "/reset-password?token=" + url.QueryEscape(token)
}

type resetConfirmRequest struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

func (s *Server) confirmPasswordReset(w http.ResponseWriter, r *http.Request) {
	if !s.allowIP(w, r, s.limits.resetIP) {
		return
	}
	var in resetConfirmRequest
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.ResetPassword(r.Context(), in.Token, in.Password); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// resetLink answers an administrator who issued a reset for a user.
type resetLink struct {
	ResetURL  string    `json:"reset_url"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (s *Server) issuePasswordReset(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.IssuePasswordReset(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, resetLink{ResetURL: s.resetURL(t.Token), ExpiresAt: t.ExpiresAt})
}
