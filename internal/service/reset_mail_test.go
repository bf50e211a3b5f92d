package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/sealed"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
)

// mailJob is one queued notify_password_reset job as stored.
type mailJob struct {
	raw         string
	args        helpdesk.PasswordResetMail
	maxAttempts int
}

// resetEnv is a Service on one engine with reset mail on or off.
type resetEnv struct {
	t     *testing.T
	svc   *service.Service
	store helpdesk.Store
	now   time.Time
	// jobs returns every queued reset mail job, oldest first.
	jobs func() []mailJob
}

// resetEngines runs fn on SQLite and PostgreSQL, with a service whose
// ResetMailKey is key (nil for none).
func resetEngines(t *testing.T, key []byte, fn func(t *testing.T, e *resetEnv)) {
	t.Run("SQLite", func(t *testing.T) {
		t.Parallel()
		db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "reset.db"), sqlite.Options{})
		if err != nil {
			t.Fatalf("open sqlite: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("migrate sqlite: %v", err)
		}
		e := newResetEnv(t, db, key)
		e.jobs = func() []mailJob {
			rows, err := db.JobDB().QueryContext(t.Context(),
				`SELECT json(args), max_attempts FROM river_job WHERE kind = 'notify_password_reset' ORDER BY id`)
			if err != nil {
				t.Fatalf("read jobs: %v", err)
			}
			defer rows.Close()
			var out []mailJob
			for rows.Next() {
				var j mailJob
				if err := rows.Scan(&j.raw, &j.maxAttempts); err != nil {
					t.Fatalf("read jobs: %v", err)
				}
				out = append(out, decodeMailJob(t, j))
			}
			if err := rows.Err(); err != nil {
				t.Fatalf("read jobs: %v", err)
			}
			return out
		}
		fn(t, e)
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		t.Parallel()
		db, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{MaxConns: 4})
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("migrate postgres: %v", err)
		}
		e := newResetEnv(t, db, key)
		e.jobs = func() []mailJob {
			rows, err := db.Pool().Query(t.Context(),
				`SELECT args::text, max_attempts FROM river_job WHERE kind = 'notify_password_reset' ORDER BY id`)
			if err != nil {
				t.Fatalf("read jobs: %v", err)
			}
			defer rows.Close()
			var out []mailJob
			for rows.Next() {
				var j mailJob
				var n int16
				if err := rows.Scan(&j.raw, &n); err != nil {
					t.Fatalf("read jobs: %v", err)
				}
				j.maxAttempts = int(n)
				out = append(out, decodeMailJob(t, j))
			}
			if err := rows.Err(); err != nil {
				t.Fatalf("read jobs: %v", err)
			}
			return out
		}
		fn(t, e)
	})
}

func decodeMailJob(t *testing.T, j mailJob) mailJob {
	t.Helper()
	if err := json.Unmarshal([]byte(j.raw), &j.args); err != nil {
		t.Fatalf("decode job args %s: %v", j.raw, err)
	}
	return j
}

func newResetEnv(t *testing.T, st helpdesk.Store, key []byte) *resetEnv {
	e := &resetEnv{t: t, store: st, now: time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)}
	svc, err := service.New(service.Options{
		Store: st, Secret: authSecret, Now: func() time.Time { return e.now },
		Render: func(s string) string { return s }, PasswordParams: authParams, ResetMailKey: key,
	})
	if err != nil {
		t.Fatalf("service.New: %v", err)
	}
	e.svc = svc
	return e
}

// user stores an active user with role and no password.
func (e *resetEnv) user(email string, role helpdesk.Role, active bool) *helpdesk.User {
	e.t.Helper()
	u := &helpdesk.User{Email: email, Name: email[:strings.IndexByte(email, '@')], Role: role, Active: true,
		CreatedAt: e.now, UpdatedAt: e.now}
	err := e.store.Update(e.t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if !active {
			u.Active = false
			return tx.UpdateUser(ctx, u)
		}
		return nil
	})
	if err != nil {
		e.t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func resetMailKey(t *testing.T) []byte {
	t.Helper()
	key, err := service.ResetMailKey(authSecret)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestResetMailKey(t *testing.T) {
	key := resetMailKey(t)
	if len(key) != sealed.KeySize {
		t.Fatalf("key has %d bytes, want %d", len(key), sealed.KeySize)
	}
	if again := resetMailKey(t); !bytes.Equal(key, again) {
		t.Errorf("the key is not stable")
	}
	unsub, err := service.UnsubscribeKey(authSecret)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(key, unsub) {
		t.Errorf("the reset mail key is not a key of its own")
	}
	_, err = service.New(service.Options{Store: newAuthTestService(t).db, Secret: authSecret,
		Render: func(s string) string { return s }, ResetMailKey: key[:16]})
	if err == nil {
		t.Errorf("service.New with a 16-byte reset mail key: want an error")
	}
}

func TestRequestPasswordReset_QueuesSealedMail(t *testing.T) {
	key := resetMailKey(t)
	resetEngines(t, key, func(t *testing.T, e *resetEnv) {
		u := e.user("wes@example.com", helpdesk.RoleCustomer, true)
		ticket, err := e.svc.RequestPasswordReset(t.Context(), "Wes@Example.com")
		if err != nil || ticket == nil {
			t.Fatalf("RequestPasswordReset = %v, %v", ticket, err)
		}
		if !ticket.Mailed {
			t.Errorf("Mailed is false with a reset mail key")
		}
		jobs := e.jobs()
		if len(jobs) != 1 {
			t.Fatalf("%d reset mail jobs, want 1", len(jobs))
		}
		j := jobs[0]
		if strings.Contains(j.raw, ticket.Token) {
			t.Fatalf("the stored job holds the raw token: %s", j.raw)
		}
		if j.args.UserID != u.ID || !j.args.ExpiresAt.Equal(ticket.ExpiresAt) {
			t.Errorf("args %+v, want user %d expiring %v", j.args, u.ID, ticket.ExpiresAt)
		}
		if j.maxAttempts != helpdesk.PasswordResetMailAttempts {
			t.Errorf("max attempts %d, want %d", j.maxAttempts, helpdesk.PasswordResetMailAttempts)
		}
		token, err := sealed.Open(key, j.args.Sealed, helpdesk.ResetMailBinding(u.ID))
		if err != nil || string(token) != ticket.Token {
			t.Fatalf("the sealed token does not open to the ticket's: %v", err)
		}
		if _, err := sealed.Open(key, j.args.Sealed, helpdesk.ResetMailBinding(u.ID+1)); err == nil {
			t.Errorf("the sealed token opens for another user")
		}
		// The token in the job is the one that resets the password.
		if err := e.svc.ResetPassword(t.Context(), string(token), newPW); err != nil {
			t.Errorf("ResetPassword with the job's token: %v", err)
		}
	})
}

func TestRequestPasswordReset_QueuesNoMail(t *testing.T) {
	key := resetMailKey(t)
	resetEngines(t, key, func(t *testing.T, e *resetEnv) {
		e.user("off@example.com", helpdesk.RoleCustomer, false)
		for _, email := range []string{"nobody@example.com", "off@example.com"} {
			if ticket, err := e.svc.RequestPasswordReset(t.Context(), email); ticket != nil || err != nil {
				t.Fatalf("RequestPasswordReset(%s) = %+v, %v; want nil, nil", email, ticket, err)
			}
		}
		admin := e.user("ada@example.com", helpdesk.RoleAdmin, true)
		cu := e.user("cu@example.com", helpdesk.RoleCustomer, true)
		ticket, err := e.svc.IssuePasswordReset(t.Context(), principal(admin), cu.ID)
		if err != nil {
			t.Fatalf("IssuePasswordReset: %v", err)
		}
		if ticket.Mailed {
			t.Errorf("an admin-issued reset says it was mailed")
		}
		if jobs := e.jobs(); len(jobs) != 0 {
			t.Fatalf("%d reset mail jobs, want none: %+v", len(jobs), jobs)
		}
	})
}

func TestRequestPasswordReset_NoKeyNoMail(t *testing.T) {
	resetEngines(t, nil, func(t *testing.T, e *resetEnv) {
		e.user("wes@example.com", helpdesk.RoleCustomer, true)
		ticket, err := e.svc.RequestPasswordReset(t.Context(), "wes@example.com")
		if err != nil || ticket == nil {
			t.Fatalf("RequestPasswordReset = %v, %v", ticket, err)
		}
		if ticket.Mailed {
			t.Errorf("Mailed is true without a reset mail key")
		}
		if jobs := e.jobs(); len(jobs) != 0 {
			t.Fatalf("%d reset mail jobs, want none", len(jobs))
		}
	})
}
