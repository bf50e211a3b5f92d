package httpapi_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// TestLogoutByRefreshCookieAudit checks a logout with only the refresh
// cookie ends the session in one step: one auth.logout entry naming the
// user and session, and nothing else written.
func TestLogoutByRefreshCookieAudit(t *testing.T) {
	e := newEnv(t)
	c := e.as("customerA")
	refresh := c.cookie("triage_refresh")
	var me struct {
		ID int64 `json:"id"`
	}
	c.do("GET", "/api/v1/me", nil).decode(t, &me)
	sessions, err := e.Store.ListSessions(context.Background(), me.ID, time.Now())
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions: %v %d", err, len(sessions))
	}
	before := auditEntries(t, e)

	expired := e.anon()
	expired.cookies = []*http.Cookie{{Name: "triage_refresh", Value: refresh}}
	r := expired.do("POST", "/api/v1/auth/logout", nil)
	if r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	if len(r.Cookies) != 2 {
		t.Errorf("logout set %d cookies, want both cleared", len(r.Cookies))
	}
	after := auditEntries(t, e)
	if len(after) != len(before)+1 {
		t.Fatalf("logout wrote %d audit entries, want 1", len(after)-len(before))
	}
	a := after[0]
	if a.Action != "auth.logout" || a.ActorID == nil || *a.ActorID != me.ID || a.TargetID != sessions[0].ID {
		t.Errorf("audit entry %+v", a)
	}
	if a.RequestID != r.Header.Get("X-Request-ID") {
		t.Errorf("audit request id %q, response %q", a.RequestID, r.Header.Get("X-Request-ID"))
	}
}

// TestLogoutByUsedRefreshCookie checks a logout that presents a rotated-out
// refresh token still answers 204, and treats it as the reuse it is: the
// session, with its newest tokens, ends.
func TestLogoutByUsedRefreshCookie(t *testing.T) {
	e := newEnv(t)
	c := e.as("agent")
	old := c.cookie("triage_refresh")
	if r := c.do("POST", "/api/v1/auth/refresh", nil); r.Status != http.StatusOK {
		t.Fatalf("refresh: %d %s", r.Status, r.Body)
	}
	stale := e.anon()
	stale.cookies = []*http.Cookie{{Name: "triage_refresh", Value: old}}
	if r := stale.do("POST", "/api/v1/auth/logout", nil); r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	c.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
}

func auditEntries(t *testing.T, e *testEnv) []*helpdesk.AuditEntry {
	t.Helper()
	list, err := e.Store.ListAudit(context.Background(), helpdesk.AuditFilter{Limit: 1000})
	if err != nil {
		t.Fatalf("list audit: %v", err)
	}
	return list
}
