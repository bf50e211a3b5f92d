package service_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/service"
)

const goodPW = "velvet-orbit-canyon-42"

func TestLogin_OK(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("ada@example.com", "Ada", helpdesk.RoleAgent, goodPW)
	ctx := helpdesk.WithRequestMeta(context.Background(), helpdesk.RequestMeta{
		IP: "198.51.100.4", RequestID: "req-9", UserAgent: strings.Repeat("ü", 700),
	})
	res, err := e.svc.Login(ctx, "  ADA@Example.com ", goodPW)
	authOK(t, "Login", err)

	now := e.clock.Now().UTC().Truncate(time.Microsecond)
	if res.User.ID != u.ID || res.Session.UserID != u.ID {
		t.Fatalf("user %d, session user %d; want %d", res.User.ID, res.Session.UserID, u.ID)
	}
	if res.AccessToken == "" || res.RefreshToken == "" || res.Session.ID == "" {
		t.Fatalf("missing token or session id: %+v", res)
	}
	if got, want := res.AccessExpiresAt, now.Add(service.DefaultAccessTTL).Truncate(time.Second); !got.Equal(want) {
		t.Errorf("access expires %v, want %v", got, want)
	}
	if got, want := res.RefreshExpiresAt, now.Add(service.DefaultRefreshTTL); !got.Equal(want) {
		t.Errorf("refresh expires %v, want %v", got, want)
	}
	if got := res.Session.UserAgent; got != strings.Repeat("ü", 512) {
		t.Errorf("user agent has %d runes, want it cut to 512", len([]rune(got)))
	}
	if res.Session.IP != "198.51.100.4" {
		t.Errorf("session ip %q", res.Session.IP)
	}
	sess, err := e.db.FindSession(context.Background(), res.Session.ID)
	authOK(t, "FindSession", err)
	if !sess.CreatedAt.Equal(now) || !sess.ExpiresAt.Equal(res.RefreshExpiresAt) {
		t.Errorf("stored session %+v, want created %v", sess, now)
	}

	p := e.authenticate(res.AccessToken)
	if p.User.ID != u.ID || p.SessionID != res.Session.ID || p.TokenID != 0 {
		t.Fatalf("principal %+v, want user %d session %s", p, u.ID, res.Session.ID)
	}

	logins := e.auditOf("auth.login")
	if len(logins) != 1 {
		t.Fatalf("auth.login entries: got %d, want 1", len(logins))
	}
	a := logins[0]
	if a.ActorID == nil || *a.ActorID != u.ID || a.TargetType != "user" || a.TargetID != strconv.FormatInt(u.ID, 10) {
		t.Errorf("auth.login entry %+v", a)
	}
	if a.IP != "198.51.100.4" || a.RequestID != "req-9" {
		t.Errorf("auth.login ip %q request %q", a.IP, a.RequestID)
	}
}

func TestLogin_FailuresLookAlike(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("bea@example.com", "Bea", helpdesk.RoleCustomer, goodPW)
	off := e.addUser("cy@example.com", "Cy", helpdesk.RoleCustomer, goodPW)
	e.deactivate(off)
	nopw := e.addUser("dee@example.com", "Dee", helpdesk.RoleCustomer, "")

	for _, tt := range []struct {
		name, email, pw string
		target          string
	}{
		{"WrongPassword", "bea@example.com", goodPW + "x", strconv.FormatInt(u.ID, 10)},
		{"EmptyPassword", "bea@example.com", "", strconv.FormatInt(u.ID, 10)},
		{"UnknownEmail", "nobody@example.com", goodPW, ""},
		{"Inactive", "CY@example.com", goodPW, strconv.FormatInt(off.ID, 10)},
		{"NoPassword", "dee@example.com", "", strconv.FormatInt(nopw.ID, 10)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := len(e.auditOf("auth.login_failed"))
			res, err := e.svc.Login(authCtx(), tt.email, tt.pw)
			if res != nil {
				t.Fatalf("got a result %+v", res)
			}
			authCode(t, "Login", err, helpdesk.EUNAUTHORIZED)
			if msg := helpdesk.ErrorMessage(err); msg != "Invalid email or password." {
				t.Fatalf("message %q", msg)
			}
			failed := e.auditOf("auth.login_failed")
			if len(failed) != before+1 {
				t.Fatalf("auth.login_failed entries: got %d, want %d", len(failed), before+1)
			}
			a := failed[0]
			if a.ActorID != nil || a.TargetType != "user" || a.TargetID != tt.target || a.IP != "203.0.113.7" {
				t.Fatalf("entry %+v, want no actor, target user %q", a, tt.target)
			}
			if got, want := authAfter(t, a)["email"], strings.ToLower(tt.email); got != want {
				t.Fatalf("after.email %v, want %q", got, want)
			}
		})
	}
	if n := len(e.auditOf("auth.login")); n != 0 {
		t.Fatalf("auth.login entries: %d, want 0", n)
	}
	if sessions, _ := e.db.ListSessions(context.Background(), u.ID, e.clock.Now()); len(sessions) != 0 {
		t.Fatalf("failed logins made %d sessions", len(sessions))
	}
}

func TestLogin_Rehash(t *testing.T) {
	e := newAuthTestService(t)
	old := password.NewHasher(password.Params{Memory: 32, Time: 1, Threads: 1})
	u := e.addUserHashed("eve@example.com", "Eve", helpdesk.RoleCustomer, e.hash(old, goodPW))
	e.login("eve@example.com", goodPW)

	got := e.user(u.ID)
	if got.PasswordHash == u.PasswordHash {
		t.Fatal("hash with outdated params was not replaced")
	}
	if !strings.HasPrefix(got.PasswordHash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("new hash %q lacks the service's params", got.PasswordHash)
	}
	if got.PasswordChangedAt == nil || !got.PasswordChangedAt.Equal(*u.PasswordChangedAt) {
		t.Fatalf("rehash moved password_changed_at: %v -> %v", u.PasswordChangedAt, got.PasswordChangedAt)
	}
	e.login("eve@example.com", goodPW) // the new hash verifies
}
