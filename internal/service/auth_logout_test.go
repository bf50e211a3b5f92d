package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestLogoutRefreshToken_EndsSession(t *testing.T) {
	for _, cache := range []bool{false, true} {
		name := "NoCache"
		if cache {
			name = "Cache"
		}
		t.Run(name, func(t *testing.T) {
			e := newAuthTestService(t, func(o *service.Options) { o.CacheSessions = cache })
			u := e.addUser("pia@example.com", "Pia", helpdesk.RoleCustomer, goodPW)
			res := e.login("pia@example.com", goodPW)
			other := e.login("pia@example.com", goodPW)
			// Warm the cache, if any: the logout must evict it.
			e.authenticate(res.AccessToken)
			logouts := len(e.auditOf("auth.logout"))

			authOK(t, "LogoutRefreshToken", e.svc.LogoutRefreshToken(authCtx(), res.RefreshToken))

			_, err := e.svc.Authenticate(context.Background(), res.AccessToken)
			authCode(t, "Authenticate after logout", err, helpdesk.EUNAUTHORIZED)
			_, err = e.svc.Refresh(context.Background(), res.RefreshToken)
			authCode(t, "Refresh after logout", err, helpdesk.EUNAUTHORIZED)
			e.authenticate(other.AccessToken)

			entries := e.auditOf("auth.logout")
			if len(entries) != logouts+1 {
				t.Fatalf("auth.logout entries: %d, want %d", len(entries), logouts+1)
			}
			a := entries[0]
			if a.ActorID == nil || *a.ActorID != u.ID || a.TargetType != "session" || a.TargetID != res.Session.ID {
				t.Errorf("audit entry: actor %v target %s %s", a.ActorID, a.TargetType, a.TargetID)
			}
			if a.IP != "203.0.113.7" || a.RequestID != "req-auth-1" {
				t.Errorf("audit entry lacks request metadata: ip %q request %q", a.IP, a.RequestID)
			}
			// A logout is not a refresh: no reuse alarm, no new tokens.
			if n := len(e.auditOf("auth.refresh_reuse")); n != 0 {
				t.Errorf("logout raised %d refresh reuse alarms", n)
			}
		})
	}
}

func TestLogoutRefreshToken_NothingToEnd(t *testing.T) {
	e := newAuthTestService(t)
	e.addUser("quinn@example.com", "Quinn", helpdesk.RoleAgent, goodPW)
	res := e.login("quinn@example.com", goodPW)
	before := len(e.auditOf(""))

	err := e.svc.LogoutRefreshToken(context.Background(), "not-a-token")
	authCode(t, "unknown token", err, helpdesk.EUNAUTHORIZED)
	if after := len(e.auditOf("")); after != before {
		t.Errorf("unknown token wrote %d audit entries", after-before)
	}

	authOK(t, "first logout", e.svc.LogoutRefreshToken(context.Background(), res.RefreshToken))
	before = len(e.auditOf(""))
	err = e.svc.LogoutRefreshToken(context.Background(), res.RefreshToken)
	authCode(t, "second logout", err, helpdesk.EUNAUTHORIZED)
	if after := len(e.auditOf("")); after != before {
		t.Errorf("second logout wrote %d audit entries", after-before)
	}
}

func TestLogoutRefreshToken_Expired(t *testing.T) {
	e := newAuthTestService(t)
	e.addUser("rae@example.com", "Rae", helpdesk.RoleAgent, goodPW)
	res := e.login("rae@example.com", goodPW)
	e.clock.Advance(service.DefaultRefreshTTL + time.Second)
	err := e.svc.LogoutRefreshToken(context.Background(), res.RefreshToken)
	authCode(t, "expired token", err, helpdesk.EUNAUTHORIZED)
}

func TestLogoutRefreshToken_UsedTokenRevokesFamily(t *testing.T) {
	e := newAuthTestService(t)
	e.addUser("sol@example.com", "Sol", helpdesk.RoleAgent, goodPW)
	first := e.login("sol@example.com", goodPW)
	second, err := e.svc.Refresh(context.Background(), first.RefreshToken)
	authOK(t, "Refresh", err)

	// The rotated-out token is a reuse, as it would be for Refresh.
	err = e.svc.LogoutRefreshToken(context.Background(), first.RefreshToken)
	authCode(t, "used token", err, helpdesk.EUNAUTHORIZED)
	_, err = e.svc.Authenticate(context.Background(), second.AccessToken)
	authCode(t, "Authenticate after reuse", err, helpdesk.EUNAUTHORIZED)
	if n := len(e.auditOf("auth.refresh_reuse")); n != 1 {
		t.Errorf("refresh reuse entries: %d, want 1", n)
	}
}
