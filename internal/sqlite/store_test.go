package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zone data for TestTimesRoundTrip on machines without it

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// base has non-zero microseconds, so a store that rounds is caught.
var base = time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC)

// mustUpdate runs fn in a write transaction and fails the test on error.
func mustUpdate(t *testing.T, db *sqlite.DB, fn func(ctx context.Context, tx helpdesk.Tx) error) {
	t.Helper()
	if err := db.Update(t.Context(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// mustUser creates an active user with the given email and role.
func mustUser(t *testing.T, db *sqlite.DB, email string, role helpdesk.Role) *helpdesk.User {
	t.Helper()
	u := &helpdesk.User{Email: email, Name: email, Role: role, Active: true, CreatedAt: base, UpdatedAt: base}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, u) })
	return u
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := helpdesk.ErrorCode(err); got != code {
		t.Errorf("%s: code got %q, want %q (err: %v)", what, got, code, err)
	}
}

func TestAuditAppendOnly(t *testing.T) {
	db := MustOpenDB(t)
	e := &helpdesk.AuditEntry{CreatedAt: base, Action: "user.create", After: []byte(`{"a":1}`)}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.AppendAudit(ctx, e) })
	for _, stmt := range []string{
		`UPDATE audit_log SET action = 'x'`,
		`DELETE FROM audit_log`,
	} {
		_, err := db.Writer().ExecContext(t.Context(), stmt)
		if err == nil || !strings.Contains(err.Error(), "audit_log is append-only") {
			t.Errorf("%s: got %v, want the append-only error", stmt, err)
		}
	}
	got, err := db.ListAudit(t.Context(), helpdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Action != "user.create" || string(got[0].After) != `{"a":1}` || got[0].Before != nil {
		t.Errorf("audit got %+v, want the one entry unchanged", got)
	}
}

func TestErrors(t *testing.T) {
	db := MustOpenDB(t)
	mustUser(t, db, "ann@example.com", helpdesk.RoleAgent)
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTeam(ctx, newTeam("Équipe")) })

	t.Run("EmailTakenAnyCase", func(t *testing.T) {
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateUser(ctx, &helpdesk.User{Email: "ANN@Example.com", Name: "A", Role: "agent"})
		})
		wantCode(t, "CreateUser", err, helpdesk.ECONFLICT)
		if got, want := helpdesk.ErrorMessage(err), "A user with this email already exists."; got != want {
			t.Errorf("message got %q, want %q", got, want)
		}
	})
	t.Run("TeamNameTakenAnyCase", func(t *testing.T) {
		// Unicode case, which SQLite's own lower() and NOCASE ignore.
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTeam(ctx, newTeam("éQUIPE"))
		})
		wantCode(t, "CreateTeam", err, helpdesk.ECONFLICT)
		if got, want := helpdesk.ErrorMessage(err), "A team with this name already exists."; got != want {
			t.Errorf("message got %q, want %q", got, want)
		}
	})
	t.Run("ForeignKey", func(t *testing.T) {
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTicket(ctx, &helpdesk.Ticket{Subject: "s", Status: "new", Priority: "low",
				Type: "task", RequesterID: 999, CreatedAt: base, UpdatedAt: base})
		})
		wantCode(t, "CreateTicket", err, helpdesk.EINVALID)
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := db.FindTicketByID(t.Context(), 42)
		wantCode(t, "FindTicketByID", err, helpdesk.ENOTFOUND)
		if got, want := helpdesk.ErrorMessage(err), "Ticket not found."; got != want {
			t.Errorf("message got %q, want %q", got, want)
		}
	})
	t.Run("BadSort", func(t *testing.T) {
		_, err := db.ListTickets(t.Context(), helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}, Sort: "subject"})
		wantCode(t, "ListTickets", err, helpdesk.EINVALID)
	})
}

func TestTimesRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("load zone data: %v", err)
	}
	at := base.In(paris)
	u := &helpdesk.User{Email: "tz@example.com", Name: "T", Role: "customer", CreatedAt: at, UpdatedAt: at,
		PasswordChangedAt: &at}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, u) })
	got, err := db.FindUserByID(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedAt != base || *got.PasswordChangedAt != base || got.CreatedAt.Location() != time.UTC {
		t.Errorf("times got %v / %v, want %v in UTC", got.CreatedAt, *got.PasswordChangedAt, base)
	}
}

func TestUseOnce(t *testing.T) {
	db := MustOpenDB(t)
	u := mustUser(t, db, "once@example.com", helpdesk.RoleCustomer)
	s := &helpdesk.Session{ID: "s1", UserID: u.ID, CreatedAt: base, LastSeenAt: base, ExpiresAt: base.Add(time.Hour)}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateSession(ctx, s); err != nil {
			return err
		}
		return tx.CreateRefreshToken(ctx, &helpdesk.RefreshToken{TokenHash: "h", SessionID: "s1",
			CreatedAt: base, ExpiresAt: base.Add(time.Hour)})
	})
	var uses []bool
	for range 2 {
		mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
			ok, err := tx.UseRefreshToken(ctx, "h", base)
			uses = append(uses, ok)
			return err
		})
	}
	if !slices.Equal(uses, []bool{true, false}) {
		t.Errorf("uses got %v, want [true false]", uses)
	}
	err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
		_, err := tx.UseRefreshToken(ctx, "missing", base)
		return err
	})
	wantCode(t, "UseRefreshToken(missing)", err, helpdesk.ENOTFOUND)
}
