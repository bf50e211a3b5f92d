package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// now is the tests' clock: UTC with microseconds, as the service stores.
var now = time.Date(2025, 6, 1, 12, 30, 45, 123456000, time.UTC)

func TestAuditAppendOnly(t *testing.T) {
	db := MustOpenDB(t)
	actor := int64(7)
	e := &helpdesk.AuditEntry{CreatedAt: now, ActorID: &actor, Action: "user.create",
		TargetType: "user", TargetID: "7", After: []byte(`{"email":"a@example.com"}`)}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.AppendAudit(ctx, e) })

	for _, stmt := range []string{
		`UPDATE audit_log SET action = 'forged'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
	} {
		t.Run(strings.Fields(stmt)[0], func(t *testing.T) {
			_, err := db.Pool().Exec(t.Context(), stmt)
			if err == nil || !strings.Contains(err.Error(), "audit_log is append-only") {
				t.Errorf("%s: error got %v, want audit_log is append-only", stmt, err)
			}
		})
	}

	got, err := db.ListAudit(t.Context(), helpdesk.AuditFilter{})
	if err != nil {
		t.Fatalf("ListAudit: %v", err)
	}
	if len(got) != 1 || got[0].Action != "user.create" {
		t.Fatalf("after refused changes: got %d entries, want the original one", len(got))
	}
	if string(got[0].After) != `{"email": "a@example.com"}` {
		t.Errorf("After: got %s, want jsonb's normal form of the original", got[0].After)
	}
	if got[0].Before != nil {
		t.Errorf("Before: got %q, want nil (stored as NULL)", got[0].Before)
	}
}

func TestAuditInvalidJSON(t *testing.T) {
	db := MustOpenDB(t)
	e := &helpdesk.AuditEntry{CreatedAt: now, Action: "x", After: []byte(`{not json`)}
	err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error { return tx.AppendAudit(ctx, e) })
	if got := helpdesk.ErrorCode(err); got != helpdesk.EINTERNAL {
		t.Errorf("AppendAudit(invalid JSON): code got %q, want %q (err: %v)", got, helpdesk.EINTERNAL, err)
	}
}
