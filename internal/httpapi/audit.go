package httpapi

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

const auditCursor = "audit"

// auditJSON is an audit entry with its before/after states as JSON objects
// rather than the base64 strings []byte would encode to.
type auditJSON struct {
	ID         int64           `json:"id"`
	CreatedAt  time.Time       `json:"created_at"`
	ActorID    *int64          `json:"actor_id"`
	Action     string          `json:"action"`
	TargetType string          `json:"target_type"`
	TargetID   string          `json:"target_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
	IP         string          `json:"ip"`
	RequestID  string          `json:"request_id"`
}

func toAuditJSON(e *helpdesk.AuditEntry) auditJSON {
	return auditJSON{
		ID: e.ID, CreatedAt: e.CreatedAt, ActorID: e.ActorID, Action: e.Action,
		TargetType: e.TargetType, TargetID: e.TargetID,
		Before: rawOrNull(e.Before), After: rawOrNull(e.After),
		IP: e.IP, RequestID: e.RequestID,
	}
}

// rawOrNull passes stored JSON through, and anything that is not valid JSON
// as null, so one bad row cannot break the whole response.
func rawOrNull(b []byte) json.RawMessage {
	if len(b) == 0 || !json.Valid(b) {
		return json.RawMessage("null")
	}
	return b
}

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) {
	f, err := s.auditFilter(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	entries, next, err := s.svc.ListAudit(r.Context(), principalFrom(r.Context()), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]auditJSON, len(entries))
	for i, e := range entries {
		items[i] = toAuditJSON(e)
	}
	writeJSON(w, http.StatusOK, page[auditJSON]{Items: items, NextCursor: s.cursors.idCursor(auditCursor, next)})
}

// auditFilter reads the audit list's query parameters.
func (s *Server) auditFilter(r *http.Request) (helpdesk.AuditFilter, error) {
	var (
		f   helpdesk.AuditFilter
		v   helpdesk.Validation
		err error
	)
	q := r.URL.Query()
	if f.Limit, err = queryLimit(r); err != nil {
		return f, err
	}
	if f.BeforeID, err = s.cursors.decodeID(auditCursor, q.Get("cursor")); err != nil {
		return f, err
	}
	f.ActorID = queryID(&v, r, "actor")
	f.Action = q.Get("action")
	f.TargetType = q.Get("target_type")
	f.TargetID = q.Get("target_id")
	f.Since = queryTime(&v, r, "since")
	f.Until = queryTime(&v, r, "until")
	return f, v.Err()
}
