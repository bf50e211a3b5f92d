package service_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
)

// authSecret is the server secret of the auth tests' services.
var authSecret = []byte("auth-test-secret-0123456789abcdef-0123456789")

// authParams are cheap argon2id costs: the tests check behaviour, not cost.
var authParams = password.Params{Memory: 64, Time: 1, Threads: 1}

// authClock is a hand-moved clock. It starts with nanoseconds so that a
// timestamp the service forgot to truncate shows.
type authClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *authClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *authClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// authEnv is a Service on a fresh, migrated SQLite database.
type authEnv struct {
	t     testing.TB
	svc   *service.Service
	db    *sqlite.DB
	clock *authClock
	opts  service.Options
}

// newAuthTestService returns an authEnv; opts may adjust the options
// before the service is built.
func newAuthTestService(t testing.TB, opts ...func(*service.Options)) *authEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "auth.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close sqlite: %v", err)
		}
	})
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	clock := &authClock{now: time.Date(2025, 6, 1, 8, 0, 0, 123456789, time.UTC)}
	o := service.Options{
		Store:          db,
		Secret:         authSecret,
		Now:            clock.Now,
		Render:         func(s string) string { return s },
		PasswordParams: authParams,
	}
	for _, fn := range opts {
		fn(&o)
	}
	svc, err := service.New(o)
	if err != nil {
		t.Fatalf("service.New: %v", err)
	}
	return &authEnv{t: t, svc: svc, db: db, clock: clock, opts: o}
}

// withCache turns the session cache on.
func withCache(o *service.Options) { o.CacheSessions = true }

// withRegistration turns self-registration on.
func withRegistration(o *service.Options) { o.Registration = true }

// addUser stores an active user with password pw ("" for none), hashed
// with the service's own parameters.
func (e *authEnv) addUser(email, name string, role helpdesk.Role, pw string) *helpdesk.User {
	e.t.Helper()
	return e.addUserHashed(email, name, role, e.hash(password.NewHasher(authParams), pw))
}

func (e *authEnv) hash(h *password.Hasher, pw string) string {
	e.t.Helper()
	if pw == "" {
		return ""
	}
	hash, err := h.Hash(pw)
	if err != nil {
		e.t.Fatalf("hash: %v", err)
	}
	return hash
}

func (e *authEnv) addUserHashed(email, name string, role helpdesk.Role, hash string) *helpdesk.User {
	e.t.Helper()
	now := e.clock.Now().UTC().Truncate(time.Microsecond)
	u := &helpdesk.User{
		Email: email, Name: name, Role: role, Active: true,
		PasswordHash: hash, CreatedAt: now, UpdatedAt: now,
	}
	if hash != "" {
		u.PasswordChangedAt = &now
	}
	e.update(func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, u) })
	return u
}

// deactivate marks u inactive directly in the store.
func (e *authEnv) deactivate(u *helpdesk.User) {
	e.t.Helper()
	u.Active = false
	e.update(func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, u) })
}

func (e *authEnv) update(fn func(context.Context, helpdesk.Tx) error) {
	e.t.Helper()
	if err := e.db.Update(context.Background(), fn); err != nil {
		e.t.Fatalf("store update: %v", err)
	}
}

// login signs u in and fails the test on error.
func (e *authEnv) login(email, pw string) *service.LoginResult {
	e.t.Helper()
	res, err := e.svc.Login(context.Background(), email, pw)
	if err != nil {
		e.t.Fatalf("Login(%s): %v", email, err)
	}
	return res
}

// authenticate returns the principal of an access token, failing the test
// on error.
func (e *authEnv) authenticate(token string) *helpdesk.Principal {
	e.t.Helper()
	p, err := e.svc.Authenticate(context.Background(), token)
	if err != nil {
		e.t.Fatalf("Authenticate: %v", err)
	}
	return p
}

// user reloads a user from the store.
func (e *authEnv) user(id int64) *helpdesk.User {
	e.t.Helper()
	u, err := e.db.FindUserByID(context.Background(), id)
	if err != nil {
		e.t.Fatalf("find user %d: %v", id, err)
	}
	return u
}

// auditOf returns the audit entries with action, newest first.
func (e *authEnv) auditOf(action string) []*helpdesk.AuditEntry {
	e.t.Helper()
	list, err := e.db.ListAudit(context.Background(), helpdesk.AuditFilter{Action: action, Limit: 1000})
	if err != nil {
		e.t.Fatalf("list audit %s: %v", action, err)
	}
	return list
}

// auditJSON returns every audit entry's before and after, for checks that
// no secret leaked into the log.
func (e *authEnv) auditJSON() string {
	e.t.Helper()
	var b strings.Builder
	for _, a := range e.auditOf("") {
		b.Write(a.Before)
		b.Write(a.After)
		b.WriteString(a.TargetID)
	}
	return b.String()
}

func authAfter(t testing.TB, a *helpdesk.AuditEntry) map[string]any {
	t.Helper()
	var m map[string]any
	if a.After == nil {
		return m
	}
	if err := json.Unmarshal(a.After, &m); err != nil {
		t.Fatalf("audit after %s: %v", a.After, err)
	}
	return m
}

// authCode fails t unless err carries code.
func authCode(t testing.TB, what string, err error, code string) {
	t.Helper()
	if got := helpdesk.ErrorCode(err); got != code {
		t.Fatalf("%s: error code got %q (%v), want %q", what, got, err, code)
	}
}

// authField fails t unless err is EINVALID naming field.
func authField(t testing.TB, what string, err error, field string) {
	t.Helper()
	authCode(t, what, err, helpdesk.EINVALID)
	for _, f := range helpdesk.ErrorFields(err) {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("%s: fields %+v, want one on %q", what, helpdesk.ErrorFields(err), field)
}

// authOK fails t on err.
func authOK(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// authCtx is a request context with client metadata.
func authCtx() context.Context {
	return helpdesk.WithRequestMeta(context.Background(), helpdesk.RequestMeta{
		IP: "203.0.113.7", RequestID: "req-auth-1", UserAgent: "auth-test/1.0",
	})
}
