package notify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/mail/smtptest"
	"github.com/triagehq/triage/internal/notify"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/realtime"
	"github.com/triagehq/triage/internal/sqlite"
)

const (
	baseURL     = "https://help.example.com"
	waitTimeout = 30 * time.Second
)

var unsubscribeKey = []byte("0123456789abcdef0123456789abcdef")

// env is a fresh, migrated store on one engine, a test SMTP server, and a
// recording event bus.
type env struct {
	t         *testing.T
	store     helpdesk.Store
	smtp      *smtptest.Server
	bus       *recordingBus
	newRunner func(cfg jobs.Config) (*jobs.Runner, error)
	// emailJobs returns the args of every queued email job, oldest first.
	emailJobs func() []notify.EmailArgs
	clock     time.Time
}

// engines runs fn once per database engine, in parallel subtests.
func engines(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("SQLite", func(t *testing.T) {
		t.Parallel()
		db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "triage.db"), sqlite.Options{})
		if err != nil {
			t.Fatalf("open sqlite: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("migrate sqlite: %v", err)
		}
		e := newEnv(t, db)
		e.newRunner = func(cfg jobs.Config) (*jobs.Runner, error) { return jobs.NewSQLite(db.JobDB(), cfg) }
		e.emailJobs = func() []notify.EmailArgs {
			rows, err := db.Reader().QueryContext(t.Context(),
				`SELECT json(args) FROM river_job WHERE kind = 'notify_email' ORDER BY id`)
			if err != nil {
				t.Fatalf("read email jobs: %v", err)
			}
			defer rows.Close()
			var raw [][]byte
			for rows.Next() {
				var b []byte
				if err := rows.Scan(&b); err != nil {
					t.Fatalf("read email jobs: %v", err)
				}
				raw = append(raw, b)
			}
			return decodeEmailArgs(t, raw)
		}
		fn(t, e)
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		t.Parallel()
		db, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{MaxConns: 8})
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("migrate postgres: %v", err)
		}
		e := newEnv(t, db)
		e.newRunner = func(cfg jobs.Config) (*jobs.Runner, error) { return jobs.NewPostgres(db.Pool(), cfg) }
		e.emailJobs = func() []notify.EmailArgs {
			rows, err := db.Pool().Query(t.Context(), `SELECT args FROM river_job WHERE kind = 'notify_email' ORDER BY id`)
			if err != nil {
				t.Fatalf("read email jobs: %v", err)
			}
			defer rows.Close()
			var raw [][]byte
			for rows.Next() {
				var b []byte
				if err := rows.Scan(&b); err != nil {
					t.Fatalf("read email jobs: %v", err)
				}
				raw = append(raw, b)
			}
			return decodeEmailArgs(t, raw)
		}
		fn(t, e)
	})
}

// with returns e for subtest t, whose failures it then reports.
func (e *env) with(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

func newEnv(t *testing.T, s helpdesk.Store) *env {
	return &env{t: t, store: s, smtp: smtptest.Start(t), bus: &recordingBus{},
		clock: time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)}
}

func decodeEmailArgs(t *testing.T, raw [][]byte) []notify.EmailArgs {
	t.Helper()
	out := []notify.EmailArgs{}
	for _, b := range raw {
		var a notify.EmailArgs
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("decode email job %s: %v", b, err)
		}
		out = append(out, a)
	}
	return out
}

// mailer returns a real SMTP sender to the test server.
func (e *env) mailer() mail.Sender {
	return mail.NewSMTP(mail.SMTPConfig{Host: e.smtp.Host(), Port: e.smtp.Port(), TLS: mail.TLSNone,
		From: netmail.Address{Name: "Triage", Address: "help@help.example.com"}, Timeout: 10 * time.Second})
}

// deps returns the workers' dependencies on e, with email on.
func (e *env) deps() notify.Deps {
	return notify.Deps{Store: e.store, Events: e.bus, Mailer: e.mailer(), BaseURL: baseURL + "/",
		SiteName: "Acme Help", UnsubscribeKey: unsubscribeKey, Now: func() time.Time { return e.clock },
		Logger: slog.New(slog.DiscardHandler)}
}

// update runs fn in a write transaction, failing the test on error.
func (e *env) update(fn func(ctx context.Context, tx helpdesk.Tx) error) {
	e.t.Helper()
	if err := e.store.Update(e.t.Context(), fn); err != nil {
		e.t.Fatalf("Update: %v", err)
	}
}

// world is the people and teams of a helpdesk.
type world struct {
	ada, al, bo, cy, dee, cu, cv *helpdesk.User
	billing, ops                 *helpdesk.Team
}

// seed creates: Ada (admin, in Billing), Al and Bo (agents in Billing), Cy
// (agent in Ops only), Dee (deactivated agent in Billing), and customers
// Cu and Cv.
func (e *env) seed() *world {
	e.t.Helper()
	w := &world{}
	e.update(func(ctx context.Context, tx helpdesk.Tx) error {
		for _, p := range []struct {
			u     **helpdesk.User
			email string
			name  string
			role  helpdesk.Role
		}{
			{&w.ada, "ada@corp.example", "Ada Admin", helpdesk.RoleAdmin},
			{&w.al, "al@corp.example", "Al Agent", helpdesk.RoleAgent},
			{&w.bo, "bo@corp.example", "Bo Agent", helpdesk.RoleAgent},
			{&w.cy, "cy@corp.example", "Cy Agent", helpdesk.RoleAgent},
			{&w.dee, "dee@corp.example", "Dee Gone", helpdesk.RoleAgent},
			{&w.cu, "cu@shop.example", "Cu Customer", helpdesk.RoleCustomer},
			{&w.cv, "cv@shop.example", "Cv Customer", helpdesk.RoleCustomer},
		} {
			u := &helpdesk.User{Email: p.email, Name: p.name, Role: p.role, Active: true,
				CreatedAt: e.clock, UpdatedAt: e.clock}
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
			*p.u = u
		}
		w.dee.Active = false
		if err := tx.UpdateUser(ctx, w.dee); err != nil {
			return err
		}
		w.billing = &helpdesk.Team{Name: "Billing", CreatedAt: e.clock, UpdatedAt: e.clock}
		w.ops = &helpdesk.Team{Name: "Ops", CreatedAt: e.clock, UpdatedAt: e.clock}
		for _, tm := range []*helpdesk.Team{w.billing, w.ops} {
			if err := tx.CreateTeam(ctx, tm); err != nil {
				return err
			}
		}
		for _, m := range []struct {
			team *helpdesk.Team
			user *helpdesk.User
		}{{w.billing, w.ada}, {w.billing, w.al}, {w.billing, w.bo}, {w.billing, w.dee}, {w.ops, w.cy}} {
			if err := tx.AddTeamMember(ctx, m.team.ID, m.user.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return w
}

// ticket stores a ticket of requester in team, assigned to assignee (nil
// for none).
func (e *env) ticket(subject string, requester *helpdesk.User, team *helpdesk.Team, assignee *helpdesk.User) *helpdesk.Ticket {
	e.t.Helper()
	t := &helpdesk.Ticket{Subject: subject, Status: helpdesk.StatusOpen, Priority: helpdesk.PriorityNormal,
		Type: helpdesk.TypeQuestion, RequesterID: requester.ID, Tags: []string{}, CreatedAt: e.clock, UpdatedAt: e.clock}
	if team != nil {
		t.TeamID = &team.ID
	}
	if assignee != nil {
		t.AssigneeID = &assignee.ID
	}
	e.update(func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTicket(ctx, t) })
	return t
}

// comment stores a comment by author on t.
func (e *env) comment(t *helpdesk.Ticket, author *helpdesk.User, body string, internal bool) *helpdesk.Comment {
	e.t.Helper()
	c := &helpdesk.Comment{TicketID: t.ID, AuthorID: author.ID, Body: body,
		BodyHTML: "<p>" + body + "</p>", Internal: internal, CreatedAt: e.clock}
	e.update(func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateComment(ctx, c) })
	return c
}

// notifications returns u's notifications about ticket t, newest first.
func (e *env) notifications(u *helpdesk.User, t *helpdesk.Ticket) []*helpdesk.Notification {
	e.t.Helper()
	all, err := e.store.ListNotifications(e.t.Context(), helpdesk.NotificationFilter{UserID: u.ID, Limit: 1000})
	if err != nil {
		e.t.Fatalf("ListNotifications: %v", err)
	}
	var out []*helpdesk.Notification
	for _, n := range all {
		if n.TicketID == t.ID {
			out = append(out, n)
		}
	}
	return out
}

// kindsByUser summarizes every notification about t as "name:kind".
func (e *env) kindsByUser(w *world, t *helpdesk.Ticket) []string {
	e.t.Helper()
	var out []string
	for _, u := range []*helpdesk.User{w.ada, w.al, w.bo, w.cy, w.dee, w.cu, w.cv} {
		for _, n := range e.notifications(u, t) {
			out = append(out, fmt.Sprintf("%s:%s", u.Email[:2], n.Kind))
		}
	}
	slices.Sort(out)
	return out
}

// emailsAbout summarizes the queued email jobs about t as
// "user:template".
func (e *env) emailsAbout(w *world, t *helpdesk.Ticket) []string {
	e.t.Helper()
	names := map[int64]string{}
	for _, u := range []*helpdesk.User{w.ada, w.al, w.bo, w.cy, w.dee, w.cu, w.cv} {
		names[u.ID] = u.Email[:2]
	}
	var out []string
	for _, a := range e.emailJobs() {
		if a.TicketID == t.ID {
			out = append(out, names[a.UserID]+":"+a.Template)
		}
	}
	slices.Sort(out)
	return out
}

// job wraps args as River hands them to a worker.
func job[T river.JobArgs](id int64, args T) *river.Job[T] {
	return &river.Job[T]{JobRow: &rivertype.JobRow{ID: id, Attempt: 1, Kind: args.Kind()}, Args: args}
}

// recordingBus is a Publisher that keeps what it is given.
type recordingBus struct {
	mu     sync.Mutex
	events []realtime.Event
}

func (b *recordingBus) Publish(_ context.Context, e realtime.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events = append(b.events, e)
	return nil
}

func (b *recordingBus) Events() []realtime.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.events)
}

// observed wraps a worker and reports each run's outcome on done, so tests
// wait for jobs on a channel instead of polling.
type observed[T river.JobArgs] struct {
	river.Worker[T]
	done chan result
}

// result is one run of a job.
type result struct {
	id, attempt int64
	err         error
}

func (o observed[T]) Work(ctx context.Context, j *river.Job[T]) error {
	err := o.Worker.Work(ctx, j)
	select {
	case o.done <- result{id: j.ID, attempt: int64(j.Attempt), err: err}:
	default: // nobody is counting any more
	}
	return err
}

// recv waits for a value on ch, failing the test after waitTimeout.
func recv[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitTimeout):
		t.Fatalf("%s: nothing within %s", what, waitTimeout)
		var zero T
		return zero
	}
}

// retryAfter retries failed jobs after d.
type retryAfter time.Duration

func (r retryAfter) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(time.Duration(r)) }

// start runs a job runner with workers on e until the test ends.
func (e *env) start(workers *river.Workers) *jobs.Runner {
	e.t.Helper()
	r, err := e.newRunner(jobs.Config{Workers: workers, PollInterval: 50 * time.Millisecond,
		RetryPolicy: retryAfter(50 * time.Millisecond), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		e.t.Fatalf("new runner: %v", err)
	}
	if err := r.Start(e.t.Context()); err != nil {
		e.t.Fatalf("Start: %v", err)
	}
	e.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			e.t.Errorf("Stop: %v", err)
		}
	})
	return r
}

// enqueue queues an event job as the service does, in a transaction.
func (e *env) enqueue(args notify.EventArgs) {
	e.t.Helper()
	e.update(func(ctx context.Context, tx helpdesk.Tx) error { return tx.EnqueueJob(ctx, args, nil) })
}
