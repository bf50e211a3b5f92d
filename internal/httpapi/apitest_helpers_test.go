package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/httpapi"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/markdown"
	pwhash "github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
)

// engine opens a fresh, migrated store for one test.
type engine struct {
	name string
	open func(tb testing.TB) helpdesk.Store
}

// engines are the stores API tests can run on. Tests that exercise the
// HTTP layer itself use SQLite only; the authorization matrix runs on both.
var engines = []engine{
	{"sqlite", openSQLite},
	{"postgres", openPostgres},
}

func openSQLite(tb testing.TB) helpdesk.Store {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "triage.db"), sqlite.Options{})
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate sqlite: %v", err)
	}
	return db
}

func openPostgres(tb testing.TB) helpdesk.Store {
	tb.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.URL(tb), postgres.Options{})
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate postgres: %v", err)
	}
	return db
}

// openJobs returns an admin-only job queue on store's database, or nil for
// a store that is not one of ours.
func openJobs(tb testing.TB, store helpdesk.Store) *jobs.Runner {
	tb.Helper()
	var (
		r   *jobs.Runner
		err error
	)
	switch db := store.(type) {
	case *sqlite.DB:
		r, err = jobs.NewSQLite(db.JobDB(), jobs.Config{})
	case *postgres.DB:
		r, err = jobs.NewPostgres(db.Pool(), jobs.Config{})
	default:
		return nil // a wrapped store: these tests do not manage jobs
	}
	if err != nil {
		tb.Fatalf("job queue: %v", err)
	}
	return r
}

// logBuffer collects the server's JSON log lines, safely across goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Lines returns every log record decoded.
func (b *logBuffer) Lines(tb testing.TB) []map[string]any {
	tb.Helper()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(b.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			tb.Fatalf("log line is not JSON: %q", line)
		}
		out = append(out, m)
	}
	return out
}

// testEnv is one server on its own database, with a cast of users.
type testEnv struct {
	tb     testing.TB
	Store  helpdesk.Store
	Svc    *service.Service
	Server *httpapi.Server
	// Jobs is the store's job queue, for admin job routes (no workers).
	Jobs *jobs.Runner
	Logs *logBuffer
	// Users by fixture name: admin, agent (in team "Support"), outsider (an
	// agent in no team), customerA, customerB.
	Users map[string]*helpdesk.User
	// IDs holds fixture ids for path templates, e.g. {ticketA}.
	IDs map[string]int64
}

// password is every fixture user's password.
func password(name string) string {
	return "fixture-pw-" + strings.Repeat("x", len(name)) + "-quartz-42"
}

// testConfig is the Config tests start from: rate limits off so that tests
// making many requests are not throttled, unless a test turns them on.
func testConfig() httpapi.Config {
	off := httpapi.Rate{Events: -1}
	return httpapi.Config{
		BaseURL:      "http://triage.test",
		CursorKey:    []byte("test cursor key, 32 bytes long!!"),
		Registration: true,
		RateLimits: httpapi.RateLimits{
			LoginPerIP: off, LoginPerAccount: off, RegisterPerIP: off,
			ResetPerIP: off, ResetPerAccount: off, General: off,
		},
	}
}

// newEnv starts a server on SQLite; configure adjusts its Config.
func newEnv(tb testing.TB, configure ...func(*httpapi.Config)) *testEnv {
	return newEnvOn(tb, openSQLite(tb), configure...)
}

// newEnvOn starts a server on store with the fixture users and a team.
func newEnvOn(tb testing.TB, store helpdesk.Store, configure ...func(*httpapi.Config)) *testEnv {
	tb.Helper()
	return newEnvWith(tb, store, nil, configure...)
}

// newEnvWith is newEnvOn with a hook on the service's options.
func newEnvWith(tb testing.TB, store helpdesk.Store, svcOpts func(*service.Options), configure ...func(*httpapi.Config)) *testEnv {
	tb.Helper()
	logs := &logBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := service.Options{
		Store:        store,
		Secret:       []byte("a test secret that is at least 32 bytes long"),
		Render:       markdown.New().Render,
		Registration: true,
		Logger:       logger,
		// Cheap argon2id costs: API tests sign in hundreds of times and
		// check behaviour, not hashing cost.
		PasswordParams: pwhash.Params{Memory: 64, Time: 1, Threads: 1},
	}
	if svcOpts != nil {
		svcOpts(&opts)
	}
	svc, err := service.New(opts)
	if err != nil {
		tb.Fatalf("new service: %v", err)
	}
	queue := openJobs(tb, store)
	if queue != nil {
		svc.AttachJobs(queue)
	}
	cfg := testConfig()
	cfg.Logger = logger
	for _, c := range configure {
		c(&cfg)
	}
	srv := httpapi.NewServer(svc, cfg)
	tb.Cleanup(func() { srv.Close() })
	e := &testEnv{tb: tb, Store: store, Svc: svc, Server: srv, Jobs: queue, Logs: logs,
		Users: map[string]*helpdesk.User{}, IDs: map[string]int64{}}
	e.seedUsers()
	return e
}

func (e *testEnv) seedUsers() {
	e.tb.Helper()
	ctx := context.Background()
	for _, u := range []struct {
		name string
		role helpdesk.Role
	}{
		{"admin", helpdesk.RoleAdmin}, {"agent", helpdesk.RoleAgent}, {"outsider", helpdesk.RoleAgent},
		{"customerA", helpdesk.RoleCustomer}, {"customerB", helpdesk.RoleCustomer},
	} {
		user, err := e.Svc.BootstrapUser(ctx, service.NewUser{
			Email: strings.ToLower(u.name) + "@example.com", Name: u.name, Role: u.role, Password: password(u.name),
		})
		if err != nil {
			e.tb.Fatalf("bootstrap %s: %v", u.name, err)
		}
		e.Users[u.name] = user
		e.IDs[u.name] = user.ID
	}
	admin := e.principal("admin")
	team, err := e.Svc.CreateTeam(ctx, admin, helpdesk.Team{Name: "Support"})
	if err != nil {
		e.tb.Fatalf("create team: %v", err)
	}
	e.IDs["team"] = team.ID
	if err := e.Svc.AddTeamMember(ctx, admin, team.ID, e.Users["agent"].ID); err != nil {
		e.tb.Fatalf("add team member: %v", err)
	}
}

// principal returns a principal for direct service calls in fixtures.
func (e *testEnv) principal(name string) *helpdesk.Principal {
	return &helpdesk.Principal{User: e.Users[name]}
}

// seedTicket opens a ticket as the named customer in the fixture team and
// records its id under key (for paths like /api/v1/tickets/{key}).
func (e *testEnv) seedTicket(key, customer string) *helpdesk.Ticket {
	e.tb.Helper()
	requester := e.Users[customer].ID
	team := e.IDs["team"]
	t, err := e.Svc.CreateTicket(context.Background(), e.principal("admin"), service.NewTicket{
		Subject: "Printer on fire (" + key + ")", Body: "It is on fire.", RequesterID: &requester, TeamID: &team,
	})
	if err != nil {
		e.tb.Fatalf("seed ticket %s: %v", key, err)
	}
	e.IDs[key] = t.ID
	return t
}

// path fills {name} placeholders from IDs.
func (e *testEnv) path(p string) string {
	for k, v := range e.IDs {
		p = strings.ReplaceAll(p, "{"+k+"}", itoa(v))
	}
	return p
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// scenario is one row of an API table test: a request by a caller and what
// must come back. Paths may use {placeholders} from testEnv.IDs.
type scenario struct {
	Name   string
	As     string // fixture user name, or "anonymous"
	Method string
	Path   string
	Body   any
	Status int
	// Check, if set, inspects the response further.
	Check func(tb testing.TB, e *testEnv, r *response)
}

// run executes scenarios as subtests on e. Clients are signed in once per
// user and reused.
func (e *testEnv) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	clients := map[string]*client{}
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			c, ok := clients[sc.As]
			if !ok {
				c = e.as(sc.As)
				clients[sc.As] = c
			}
			r := c.do(sc.Method, sc.Path, sc.Body)
			if r.Status != sc.Status {
				t.Fatalf("%s %s as %s: status = %d, want %d; body %s", sc.Method, sc.Path, sc.As, r.Status, sc.Status, r.Body)
			}
			if sc.Check != nil {
				sc.Check(t, e, r)
			}
		})
	}
}
