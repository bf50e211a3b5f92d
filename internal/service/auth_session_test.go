package service_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestRefresh_Rotates(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("nia@example.com", "Nia", helpdesk.RoleAgent, goodPW)
	first := e.login("nia@example.com", goodPW)

	e.clock.Advance(10 * time.Minute)
	second, err := e.svc.Refresh(context.Background(), first.RefreshToken)
	authOK(t, "Refresh", err)
	if second.Session.ID != first.Session.ID || second.User.ID != u.ID {
		t.Fatalf("refresh changed session %s -> %s or user", first.Session.ID, second.Session.ID)
	}
	if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
		t.Fatal("refresh returned the old tokens")
	}
	if !second.RefreshExpiresAt.Equal(first.RefreshExpiresAt) {
		t.Fatalf("refresh moved the session's end: %v -> %v", first.RefreshExpiresAt, second.RefreshExpiresAt)
	}
	if p := e.authenticate(second.AccessToken); p.SessionID != first.Session.ID {
		t.Fatalf("new access token names session %s", p.SessionID)
	}
	third, err := e.svc.Refresh(context.Background(), second.RefreshToken)
	authOK(t, "Refresh again", err)
	e.authenticate(third.AccessToken)

	// Only the digest is stored.
	if _, err := e.db.FindRefreshToken(context.Background(), third.RefreshToken); helpdesk.ErrorCode(err) != helpdesk.ENOTFOUND {
		t.Fatalf("refresh token stored in plaintext (err %v)", err)
	}
}

func TestRefresh_ReuseRevokesFamily(t *testing.T) {
	for _, cache := range []bool{false, true} {
		t.Run("Cache="+strconv.FormatBool(cache), func(t *testing.T) {
			e := newAuthTestService(t, func(o *service.Options) { o.CacheSessions = cache })
			e.addUser("oli@example.com", "Oli", helpdesk.RoleAgent, goodPW)
			first := e.login("oli@example.com", goodPW)
			other := e.login("oli@example.com", goodPW)
			second, err := e.svc.Refresh(context.Background(), first.RefreshToken)
			authOK(t, "Refresh", err)
			e.authenticate(second.AccessToken)

			// The thief (or the victim) presents the used token again.
			_, err = e.svc.Refresh(authCtx(), first.RefreshToken)
			authCode(t, "Refresh with a used token", err, helpdesk.EUNAUTHORIZED)

			_, err = e.svc.Refresh(context.Background(), second.RefreshToken)
			authCode(t, "Refresh with the family's newest token", err, helpdesk.EUNAUTHORIZED)
			_, err = e.svc.Authenticate(context.Background(), second.AccessToken)
			authCode(t, "Authenticate in the revoked family", err, helpdesk.EUNAUTHORIZED)
			sess, err := e.db.FindSession(context.Background(), first.Session.ID)
			authOK(t, "FindSession", err)
			if sess.RevokedAt == nil {
				t.Fatal("session of the reused token was not revoked")
			}
			e.authenticate(other.AccessToken) // other logins are another family

			reuse := e.auditOf("auth.refresh_reuse")
			if len(reuse) != 1 || reuse[0].TargetID != first.Session.ID || reuse[0].IP != "203.0.113.7" {
				t.Fatalf("auth.refresh_reuse entries %+v", reuse)
			}
		})
	}
}

func TestRefresh_Refused(t *testing.T) {
	t.Run("Unknown", func(t *testing.T) {
		e := newAuthTestService(t)
		_, err := e.svc.Refresh(context.Background(), "no-such-token")
		authCode(t, "Refresh", err, helpdesk.EUNAUTHORIZED)
	})
	t.Run("Expired", func(t *testing.T) {
		e := newAuthTestService(t)
		e.addUser("pam@example.com", "Pam", helpdesk.RoleAgent, goodPW)
		res := e.login("pam@example.com", goodPW)
		e.clock.Advance(service.DefaultRefreshTTL + time.Second)
		_, err := e.svc.Refresh(context.Background(), res.RefreshToken)
		authCode(t, "Refresh", err, helpdesk.EUNAUTHORIZED)
	})
	t.Run("InactiveUser", func(t *testing.T) {
		e := newAuthTestService(t)
		u := e.addUser("quin@example.com", "Quin", helpdesk.RoleAgent, goodPW)
		res := e.login("quin@example.com", goodPW)
		e.deactivate(u)
		_, err := e.svc.Refresh(context.Background(), res.RefreshToken)
		authCode(t, "Refresh", err, helpdesk.EUNAUTHORIZED)
	})
}

func TestSessions_ListAndRevoke(t *testing.T) {
	e := newAuthTestService(t, withCache)
	u := e.addUser("rey@example.com", "Rey", helpdesk.RoleCustomer, goodPW)
	e.addUser("sol@example.com", "Sol", helpdesk.RoleAdmin, goodPW)
	a := e.login("rey@example.com", goodPW)
	e.clock.Advance(time.Second)
	b := e.login("rey@example.com", goodPW)
	sol := e.login("sol@example.com", goodPW)
	p := e.authenticate(a.AccessToken)
	e.authenticate(b.AccessToken)

	list, err := e.svc.ListSessions(context.Background(), p)
	authOK(t, "ListSessions", err)
	if len(list) != 2 || list[0].ID != b.Session.ID || list[1].ID != a.Session.ID {
		t.Fatalf("sessions %+v, want b then a", list)
	}

	solP := e.authenticate(sol.AccessToken)
	err = e.svc.RevokeSession(context.Background(), solP, a.Session.ID)
	authCode(t, "RevokeSession of another user's session (even as admin)", err, helpdesk.ENOTFOUND)
	err = e.svc.RevokeSession(context.Background(), p, "no-such-session")
	authCode(t, "RevokeSession unknown", err, helpdesk.ENOTFOUND)

	authOK(t, "RevokeSession", e.svc.RevokeSession(context.Background(), p, b.Session.ID))
	_, err = e.svc.Authenticate(context.Background(), b.AccessToken)
	authCode(t, "Authenticate revoked (cached) session", err, helpdesk.EUNAUTHORIZED)
	e.authenticate(a.AccessToken)
	err = e.svc.RevokeSession(context.Background(), p, b.Session.ID)
	authCode(t, "RevokeSession twice", err, helpdesk.ENOTFOUND)

	list, err = e.svc.ListSessions(context.Background(), p)
	authOK(t, "ListSessions", err)
	if len(list) != 1 || list[0].ID != a.Session.ID {
		t.Fatalf("sessions after revoke %+v", list)
	}
	revokes := e.auditOf("session.revoke")
	if len(revokes) != 1 || *revokes[0].ActorID != u.ID || revokes[0].TargetID != b.Session.ID {
		t.Fatalf("session.revoke entries %+v", revokes)
	}
}
