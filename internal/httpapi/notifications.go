package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
)

// notificationCursor names the notification list's cursors.
const notificationCursor = "notifications"

func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request) {
	var (
		f   helpdesk.NotificationFilter
		v   helpdesk.Validation
		err error
	)
	if f.Limit, err = queryLimit(r); err != nil {
		s.error(w, r, err)
		return
	}
	if f.BeforeID, err = s.cursors.decodeID(notificationCursor, r.URL.Query().Get("cursor")); err != nil {
		s.error(w, r, err)
		return
	}
	if unread := queryBool(&v, r, "unread"); unread != nil {
		f.UnreadOnly = *unread
	}
	if err := v.Err(); err != nil {
		s.error(w, r, err)
		return
	}
	list, err := s.svc.ListNotifications(r.Context(), principalFrom(r.Context()), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]*helpdesk.NotificationView, len(list))
	for i, n := range list {
		items[i] = n.View()
	}
	var next int64
	if len(list) == f.Limit {
		next = list[len(list)-1].ID
	}
	writeJSON(w, http.StatusOK, page[*helpdesk.NotificationView]{Items: items, NextCursor: s.cursors.idCursor(notificationCursor, next)})
}

func (s *Server) unreadNotificationCount(w http.ResponseWriter, r *http.Request) {
	n, err := s.svc.UnreadNotificationCount(r.Context(), principalFrom(r.Context()))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"count": n})
}

func (s *Server) markNotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.MarkNotificationRead(r.Context(), principalFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) markAllNotificationsRead(w http.ResponseWriter, r *http.Request) {
	n, err := s.svc.MarkAllNotificationsRead(r.Context(), principalFrom(r.Context()))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"updated": n})
}

func (s *Server) getPreferences(w http.ResponseWriter, r *http.Request) {
	prefs, err := s.svc.NotificationPrefs(r.Context(), principalFrom(r.Context()))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, prefs)
}

// preferencesBody is PUT /me/preferences: every topic, each required, so a
// client never switches one off by forgetting it.
type preferencesBody struct {
	EmailAssigned      *bool `json:"email_assigned"`
	EmailTeamAssigned  *bool `json:"email_team_assigned"`
	EmailCustomerReply *bool `json:"email_customer_reply"`
	EmailMention       *bool `json:"email_mention"`
	EmailTicketReplies *bool `json:"email_ticket_replies"`
}

func (s *Server) putPreferences(w http.ResponseWriter, r *http.Request) {
	var in preferencesBody
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	var v helpdesk.Validation
	req := func(field string, b *bool) bool {
		if b == nil {
			v.Add(field, "is required")
			return false
		}
		return *b
	}
	prefs := helpdesk.NotificationPrefs{
		EmailAssigned:      req("email_assigned", in.EmailAssigned),
		EmailTeamAssigned:  req("email_team_assigned", in.EmailTeamAssigned),
		EmailCustomerReply: req("email_customer_reply", in.EmailCustomerReply),
		EmailMention:       req("email_mention", in.EmailMention),
		EmailTicketReplies: req("email_ticket_replies", in.EmailTicketReplies),
	}
	if err := v.Err(); err != nil {
		s.error(w, r, err)
		return
	}
	saved, err := s.svc.SetNotificationPrefs(r.Context(), principalFrom(r.Context()), prefs)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, saved)
}

// unsubscribe is the one-click link of RFC 8058: mail clients POST
// "List-Unsubscribe=One-Click" to the URL from the List-Unsubscribe header,
// and the web app's unsubscribe page POSTs nothing. The token in the URL is
// the only credential; the body is not needed and not read.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if token == "" {
		s.error(w, r, helpdesk.Invalid("token", "is required"))
		return
	}
	userID, topic, err := mail.ParseUnsubscribeToken(s.cfg.UnsubscribeKey, token)
	if err != nil {
		s.error(w, r, helpdesk.Invalid("token", "is not a valid unsubscribe link; sign in to change your email preferences"))
		return
	}
	if err := s.svc.Unsubscribe(r.Context(), userID, topic); err != nil {
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			err = helpdesk.Invalid("token", "is not a valid unsubscribe link; sign in to change your email preferences")
		}
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"topic": topic})
}
