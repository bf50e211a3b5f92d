package service_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestCreateUser(t *testing.T) {
	ctx := context.Background()
	svc, db, f := newTestService(t)
	admin := f.admin("Ada")

	t.Run("OK", func(t *testing.T) {
		u, err := svc.CreateUser(ctx, admin, service.NewUser{
			Email: "  Grace@Example.COM ", Name: " Grace ", Role: helpdesk.RoleAgent,
			Password: "correct horse battery staple", TimeZone: "Europe/Paris",
		})
		must(t, "CreateUser", err)
		if u.Email != "grace@example.com" || u.Name != "Grace" || !u.Active || u.Role != helpdesk.RoleAgent {
			t.Errorf("got %+v, want normalized email and name, active agent", u)
		}
		stored, err := db.FindUserByID(ctx, u.ID)
		must(t, "FindUserByID", err)
		if !strings.HasPrefix(stored.PasswordHash, "$argon2id$") || stored.PasswordChangedAt == nil {
			t.Errorf("stored hash %q changed %v, want an argon2id hash and a time", stored.PasswordHash, stored.PasswordChangedAt)
		}
		e := f.audit("user.create")[0]
		if e.ActorID == nil || *e.ActorID != admin.User.ID || e.TargetID != strconv.FormatInt(u.ID, 10) || e.TargetType != "user" {
			t.Errorf("audit entry %+v, want actor %d target user %d", e, admin.User.ID, u.ID)
		}
		if strings.Contains(string(e.After), "argon2") || strings.Contains(string(e.After), "correct horse") {
			t.Errorf("audit after %s leaks the password", e.After)
		}
		if after := decodeAudit(t, e.After); after["email"] != "grace@example.com" || after["has_password"] != true {
			t.Errorf("audit after %v, want email and has_password", after)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for _, p := range []*helpdesk.Principal{f.agent("Al"), f.customer("Cy")} {
			_, err := svc.CreateUser(ctx, p, service.NewUser{Email: "x@example.com", Name: "X", Role: helpdesk.RoleAgent})
			wantCode(t, err, helpdesk.EFORBIDDEN)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		before := f.auditCount()
		_, err := svc.CreateUser(ctx, admin, service.NewUser{Email: "nope", Name: " ", Role: "root", Password: "short", TimeZone: "Mars/Base"})
		wantFields(t, err, "email", "name", "role", "password", "time_zone")
		_, err = svc.CreateUser(ctx, admin, service.NewUser{Email: "p@example.com", Name: "P", Role: helpdesk.RoleAgent, Password: "password1234"})
		wantFields(t, err, "password")
		if got := f.auditCount(); got != before {
			t.Errorf("audit entries: got %d, want %d (nothing written)", got, before)
		}
	})
	t.Run("ErrEmailTaken", func(t *testing.T) {
		_, err := svc.CreateUser(ctx, admin, service.NewUser{Email: "GRACE@example.com", Name: "G2", Role: helpdesk.RoleCustomer})
		wantCode(t, err, helpdesk.ECONFLICT)
	})
}

func TestBootstrapUser(t *testing.T) {
	_, _, f := newTestService(t)
	u := f.admin("Root").User
	e := f.audit("user.create")
	if len(e) != 1 || e[0].ActorID != nil || e[0].TargetID != strconv.FormatInt(u.ID, 10) {
		t.Fatalf("audit %+v, want one user.create without an actor", e)
	}
}

func TestGetUser(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, a, b := f.admin("Ada"), f.agent("Al"), f.customer("Ann"), f.customer("Bob")

	for _, p := range []*helpdesk.Principal{admin, agent} {
		if u, err := svc.GetUser(ctx, p, b.User.ID); err != nil || u.ID != b.User.ID {
			t.Errorf("GetUser as %s: got %v, %v", p.User.Role, u, err)
		}
	}
	if u, err := svc.GetUser(ctx, a, a.User.ID); err != nil || u.ID != a.User.ID {
		t.Errorf("GetUser(self) as customer: got %v, %v", u, err)
	}
	_, err := svc.GetUser(ctx, a, b.User.ID)
	wantCode(t, err, helpdesk.ENOTFOUND)
	_, err = svc.GetUser(ctx, a, agent.User.ID)
	wantCode(t, err, helpdesk.ENOTFOUND)
	_, err = svc.GetUser(ctx, admin, 9999)
	wantCode(t, err, helpdesk.ENOTFOUND)
}

func TestListUsers(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	for i := range 4 {
		f.customer("C" + strconv.Itoa(i))
	}

	t.Run("ErrCustomer", func(t *testing.T) {
		_, _, err := svc.ListUsers(ctx, cust, helpdesk.UserFilter{})
		wantCode(t, err, helpdesk.EFORBIDDEN)
	})
	t.Run("Paging", func(t *testing.T) {
		var ids []int64
		var after int64
		for pages := 0; ; pages++ {
			users, next, err := svc.ListUsers(ctx, agent, helpdesk.UserFilter{Limit: 3, AfterID: after})
			must(t, "ListUsers", err)
			if len(users) > 3 {
				t.Fatalf("page of %d users, want at most 3", len(users))
			}
			for _, u := range users {
				ids = append(ids, u.ID)
			}
			if next == 0 {
				break
			}
			if next != users[len(users)-1].ID {
				t.Fatalf("next %d, want the last id %d", next, users[len(users)-1].ID)
			}
			after = next
			if pages > 5 {
				t.Fatal("paging does not end")
			}
		}
		if len(ids) != 7 {
			t.Fatalf("got %d users over all pages, want 7", len(ids))
		}
		for i := 1; i < len(ids); i++ {
			if ids[i] >= ids[i-1] {
				t.Fatalf("ids %v not newest first", ids)
			}
		}
	})
	t.Run("Default", func(t *testing.T) {
		users, next, err := svc.ListUsers(ctx, admin, helpdesk.UserFilter{})
		must(t, "ListUsers", err)
		if len(users) != 7 || next != 0 {
			t.Errorf("got %d users, next %d; want 7, 0", len(users), next)
		}
	})
	t.Run("ErrLimit", func(t *testing.T) {
		for _, limit := range []int{-1, 101, 1 << 30} {
			_, _, err := svc.ListUsers(ctx, admin, helpdesk.UserFilter{Limit: limit})
			wantFields(t, err, "limit")
		}
		_, _, err := svc.ListUsers(ctx, admin, helpdesk.UserFilter{Role: ptr(helpdesk.Role("root"))})
		wantFields(t, err, "role")
	})
}

func TestUpdateUser(t *testing.T) {
	ctx := context.Background()
	svc, db, f := newTestService(t)
	admin, agent := f.admin("Ada"), f.agent("Al")

	t.Run("ErrNotAdmin", func(t *testing.T) {
		_, err := svc.UpdateUser(ctx, agent, agent.User.ID, helpdesk.UserUpdate{Role: ptr(helpdesk.RoleAdmin)})
		wantCode(t, err, helpdesk.EFORBIDDEN)
	})
	t.Run("AuditsChangedFieldsOnly", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		u, err := svc.UpdateUser(ctx, admin, agent.User.ID, helpdesk.UserUpdate{
			Name: ptr("Al"), TimeZone: ptr("Asia/Tokyo"), Email: ptr(" AL.NEW@example.com "),
		})
		must(t, "UpdateUser", err)
		if u.Email != "al.new@example.com" || u.TimeZone != "Asia/Tokyo" || !u.UpdatedAt.Equal(f.clock.Now().Truncate(time.Microsecond)) {
			t.Errorf("got %+v", u)
		}
		e := f.audit("user.update")[0]
		before, after := decodeAudit(t, e.Before), decodeAudit(t, e.After)
		if len(after) != 2 || after["time_zone"] != "Asia/Tokyo" || after["email"] != "al.new@example.com" ||
			before["time_zone"] != "" || len(before) != 2 {
			t.Errorf("audit before %v after %v, want only email and time_zone", before, after)
		}
	})
	t.Run("NoChangeNoAudit", func(t *testing.T) {
		n := f.auditCount()
		_, err := svc.UpdateUser(ctx, admin, agent.User.ID, helpdesk.UserUpdate{Name: ptr("Al")})
		must(t, "UpdateUser", err)
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries: got %d, want %d", got, n)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		_, err := svc.UpdateUser(ctx, admin, agent.User.ID, helpdesk.UserUpdate{})
		wantCode(t, err, helpdesk.EINVALID)
	})
	t.Run("ErrEmailTaken", func(t *testing.T) {
		n := f.auditCount()
		_, err := svc.UpdateUser(ctx, admin, agent.User.ID, helpdesk.UserUpdate{Email: ptr(strings.ToUpper(admin.User.Email))})
		wantCode(t, err, helpdesk.ECONFLICT)
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries: got %d, want %d", got, n)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := svc.UpdateUser(ctx, admin, agent.User.ID, helpdesk.UserUpdate{Role: ptr(helpdesk.Role("boss")), Email: ptr("x"), TimeZone: ptr("Local")})
		wantFields(t, err, "role", "email", "time_zone")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.UpdateUser(ctx, admin, 4242, helpdesk.UserUpdate{Name: ptr("X")})
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	t.Run("DeactivateRevokesAccess", func(t *testing.T) {
		c := f.customer("Cleo")
		now := f.clock.Now().UTC().Truncate(time.Microsecond)
		must(t, "seed session and token", db.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
			if err := tx.CreateSession(ctx, &helpdesk.Session{ID: "sess-cleo", UserID: c.User.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
				return err
			}
			return tx.CreateAPIToken(ctx, &helpdesk.APIToken{UserID: c.User.ID, Name: "ci", Prefix: "trg_abc", TokenHash: "cleo-hash", CreatedAt: now})
		}))
		_, err := svc.UpdateUser(ctx, admin, c.User.ID, helpdesk.UserUpdate{Active: ptr(false)})
		must(t, "UpdateUser(inactive)", err)
		sess, err := db.FindSession(ctx, "sess-cleo")
		must(t, "FindSession", err)
		if sess.RevokedAt == nil {
			t.Error("session not revoked on deactivation")
		}
		tok, err := db.FindAPITokenByHash(ctx, "cleo-hash")
		must(t, "FindAPITokenByHash", err)
		if tok.RevokedAt == nil {
			t.Error("API token not revoked on deactivation")
		}
	})
}

func TestUpdateUser_LastAdmin(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin := f.admin("Ada")

	n := f.auditCount()
	_, err := svc.UpdateUser(ctx, admin, admin.User.ID, helpdesk.UserUpdate{Role: ptr(helpdesk.RoleAgent)})
	wantCode(t, err, helpdesk.ECONFLICT)
	if helpdesk.ErrorMessage(err) != "Triage needs at least one active admin." {
		t.Errorf("message %q", helpdesk.ErrorMessage(err))
	}
	_, err = svc.UpdateUser(ctx, admin, admin.User.ID, helpdesk.UserUpdate{Active: ptr(false)})
	wantCode(t, err, helpdesk.ECONFLICT)
	if got := f.auditCount(); got != n {
		t.Errorf("audit entries: got %d, want %d", got, n)
	}

	// An inactive admin does not count.
	other := f.admin("Bea")
	_, err = svc.UpdateUser(ctx, admin, other.User.ID, helpdesk.UserUpdate{Active: ptr(false)})
	must(t, "deactivate second admin", err)
	_, err = svc.UpdateUser(ctx, admin, admin.User.ID, helpdesk.UserUpdate{Role: ptr(helpdesk.RoleAgent)})
	wantCode(t, err, helpdesk.ECONFLICT)

	// With a second active admin, the first may step down.
	_, err = svc.UpdateUser(ctx, admin, other.User.ID, helpdesk.UserUpdate{Active: ptr(true)})
	must(t, "reactivate second admin", err)
	u, err := svc.UpdateUser(ctx, admin, admin.User.ID, helpdesk.UserUpdate{Role: ptr(helpdesk.RoleAgent)})
	must(t, "demote first admin", err)
	if u.Role != helpdesk.RoleAgent {
		t.Errorf("role %q, want agent", u.Role)
	}
	e := f.audit("user.update")[0]
	if b, a := decodeAudit(t, e.Before), decodeAudit(t, e.After); b["role"] != "admin" || a["role"] != "agent" || len(a) != 1 {
		t.Errorf("audit before %v after %v", b, a)
	}
}

func TestUpdateMe(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	c := f.customer("Ann")

	u, err := svc.UpdateMe(ctx, c, helpdesk.UserUpdate{Name: ptr("Ann B."), TimeZone: ptr("America/New_York")})
	must(t, "UpdateMe", err)
	if u.Name != "Ann B." || u.TimeZone != "America/New_York" {
		t.Errorf("got %+v", u)
	}
	if e := f.audit("user.update")[0]; e.ActorID == nil || *e.ActorID != c.User.ID {
		t.Errorf("audit actor %v, want %d", e.ActorID, c.User.ID)
	}
	_, err = svc.UpdateMe(ctx, c, helpdesk.UserUpdate{Role: ptr(helpdesk.RoleAdmin), Active: ptr(true), Email: ptr("a@example.com"), Name: ptr("X")})
	wantFields(t, err, "role", "active", "email")
	got, err := svc.GetUser(ctx, c, c.User.ID)
	must(t, "GetUser", err)
	if got.Role != helpdesk.RoleCustomer || got.Name != "Ann B." {
		t.Errorf("after refused UpdateMe: %+v", got)
	}
}

// TestUpdateUser_NextRequestSeesChange checks that a role change and a
// deactivation reach an already logged-in user at once, even with the
// session cache on.
func TestUpdateUser_NextRequestSeesChange(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t, func(o *service.Options) { o.CacheSessions = true })
	admin := f.admin("Ada")
	const pw = "plenty of entropy here 42"
	u, err := svc.CreateUser(ctx, admin, service.NewUser{Email: "al@example.com", Name: "Al", Role: helpdesk.RoleAgent, Password: pw})
	must(t, "CreateUser", err)
	login, err := svc.Login(ctx, "al@example.com", pw)
	must(t, "Login", err)
	p, err := svc.Authenticate(ctx, login.AccessToken)
	must(t, "Authenticate", err)
	if p.User.Role != helpdesk.RoleAgent {
		t.Fatalf("role %s, want agent", p.User.Role)
	}

	_, err = svc.UpdateUser(ctx, admin, u.ID, helpdesk.UserUpdate{Role: ptr(helpdesk.RoleCustomer)})
	must(t, "UpdateUser(role)", err)
	p, err = svc.Authenticate(ctx, login.AccessToken)
	must(t, "Authenticate after role change", err)
	if p.User.Role != helpdesk.RoleCustomer {
		t.Errorf("role %s after the change, want customer", p.User.Role)
	}

	_, err = svc.UpdateUser(ctx, admin, u.ID, helpdesk.UserUpdate{Active: ptr(false)})
	must(t, "UpdateUser(inactive)", err)
	_, err = svc.Authenticate(ctx, login.AccessToken)
	wantCode(t, err, helpdesk.EUNAUTHORIZED)
}
