package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
)

// testClock is a clock the test moves by hand. It starts with nanoseconds
// so that tests notice a timestamp the service forgot to truncate.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixtures makes users, teams and tickets for a test, and reads back what
// the service wrote.
type fixtures struct {
	t     testing.TB
	svc   *service.Service
	store *sqlite.DB
	clock *testClock
	n     int
}

// newTestService returns a Service on a fresh, migrated SQLite database in
// the test's temporary directory, the store itself, and fixtures. opts may
// adjust the service's options before it is built.
func newTestService(t testing.TB, opts ...func(*service.Options)) (*service.Service, *sqlite.DB, *fixtures) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triage.db"), sqlite.Options{})
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
	clock := &testClock{now: time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)}
	o := service.Options{
		Store:  db,
		Secret: []byte("0123456789abcdef0123456789abcdef-test-secret"),
		Now:    clock.Now,
		Render: markdown.New().Render,
		// Cheap hashes: the tests check behaviour, not argon2's cost.
		PasswordParams: password.Params{Memory: 64, Time: 1, Threads: 1},
	}
	for _, fn := range opts {
		fn(&o)
	}
	svc, err := service.New(o)
	if err != nil {
		t.Fatalf("service.New: %v", err)
	}
	return svc, db, &fixtures{t: t, svc: svc, store: db, clock: clock}
}

// principal returns the principal of u, as the HTTP layer would build it.
func principal(u *helpdesk.User) *helpdesk.Principal { return &helpdesk.Principal{User: u} }

// user creates an active user with role through BootstrapUser and returns
// its principal. name also makes the email: "Ann" -> ann-1@example.com.
func (f *fixtures) user(role helpdesk.Role, name string) *helpdesk.Principal {
	f.t.Helper()
	f.n++
	email := fmt.Sprintf("%s-%d@example.com", strings.ToLower(strings.ReplaceAll(name, " ", ".")), f.n)
	u, err := f.svc.BootstrapUser(context.Background(), service.NewUser{Email: email, Name: name, Role: role})
	if err != nil {
		f.t.Fatalf("BootstrapUser(%s, %s): %v", role, name, err)
	}
	return principal(u)
}

func (f *fixtures) admin(name string) *helpdesk.Principal { return f.user(helpdesk.RoleAdmin, name) }
func (f *fixtures) agent(name string) *helpdesk.Principal { return f.user(helpdesk.RoleAgent, name) }
func (f *fixtures) customer(name string) *helpdesk.Principal {
	return f.user(helpdesk.RoleCustomer, name)
}

// team creates a team with members, as admin.
func (f *fixtures) team(admin *helpdesk.Principal, name string, members ...*helpdesk.Principal) *helpdesk.Team {
	f.t.Helper()
	ctx := context.Background()
	tm, err := f.svc.CreateTeam(ctx, admin, helpdesk.Team{Name: name})
	if err != nil {
		f.t.Fatalf("CreateTeam(%s): %v", name, err)
	}
	for _, m := range members {
		if err := f.svc.AddTeamMember(ctx, admin, tm.ID, m.User.ID); err != nil {
			f.t.Fatalf("AddTeamMember(%s, %s): %v", name, m.User.Name, err)
		}
	}
	return tm
}

// ticket creates a ticket as p.
func (f *fixtures) ticket(p *helpdesk.Principal, in service.NewTicket) *helpdesk.Ticket {
	f.t.Helper()
	if in.Subject == "" {
		in.Subject = "Printer on fire"
	}
	if in.Body == "" {
		in.Body = "It is *very* hot."
	}
	t, err := f.svc.CreateTicket(context.Background(), p, in)
	if err != nil {
		f.t.Fatalf("CreateTicket(%q) as %s: %v", in.Subject, p.User.Role, err)
	}
	return t
}

// storedTicket reads a ticket straight from the store.
func (f *fixtures) storedTicket(id int64) *helpdesk.Ticket {
	f.t.Helper()
	t, err := f.store.FindTicketByID(context.Background(), id)
	if err != nil {
		f.t.Fatalf("FindTicketByID(%d): %v", id, err)
	}
	return t
}

// audit returns the audit entries with action, newest first.
func (f *fixtures) audit(action string) []*helpdesk.AuditEntry {
	f.t.Helper()
	entries, err := f.store.ListAudit(context.Background(), helpdesk.AuditFilter{Action: action, Limit: 1000})
	if err != nil {
		f.t.Fatalf("ListAudit(%s): %v", action, err)
	}
	return entries
}

// auditCount counts every audit entry.
func (f *fixtures) auditCount() int {
	f.t.Helper()
	return len(f.audit(""))
}

// decodeAudit unmarshals an audit entry's before or after object.
func decodeAudit(t testing.TB, b []byte) map[string]any {
	t.Helper()
	if b == nil {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("audit state %s: %v", b, err)
	}
	return m
}

// wantCode fails t unless err carries code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := helpdesk.ErrorCode(err); got != code {
		t.Fatalf("error code: got %q (%v), want %q", got, err, code)
	}
}

// wantFields fails t unless err is EINVALID naming exactly fields.
func wantFields(t testing.TB, err error, fields ...string) {
	t.Helper()
	wantCode(t, err, helpdesk.EINVALID)
	var got []string
	for _, f := range helpdesk.ErrorFields(err) {
		got = append(got, f.Field)
	}
	slices.Sort(got)
	fields = slices.Sorted(slices.Values(fields))
	if !slices.Equal(got, fields) {
		t.Fatalf("invalid fields: got %v (%v), want %v", got, helpdesk.ErrorFields(err), fields)
	}
}

// wantFieldMessage fails t unless err names field with a message
// containing msg.
func wantFieldMessage(t testing.TB, err error, field, msg string) {
	t.Helper()
	for _, f := range helpdesk.ErrorFields(err) {
		if f.Field == field && strings.Contains(f.Message, msg) {
			return
		}
	}
	t.Fatalf("error %v: fields %v, want %s %q", err, helpdesk.ErrorFields(err), field, msg)
}

// must fails t on err.
func must(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func ptr[T any](v T) *T { return &v }
