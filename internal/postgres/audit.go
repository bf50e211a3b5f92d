package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

// jsonArg passes raw JSON to a jsonb column, with nil (or empty) as NULL.
func jsonArg(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// AppendAudit stores e and sets its ID.
func (t *tx) AppendAudit(ctx context.Context, e *helpdesk.AuditEntry) error {
	err := t.ptx.QueryRow(ctx, `
		INSERT INTO audit_log (created_at, actor_id, action, target_type, target_id, before, after,
			ip, request_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.CreatedAt, e.ActorID, e.Action, e.TargetType, e.TargetID, jsonArg(e.Before), jsonArg(e.After),
		e.IP, e.RequestID,
	).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("append audit entry: %w", translate(err))
	}
	return nil
}

// ListAudit returns entries matching f, newest first, below f.BeforeID.
// Since is inclusive and Until exclusive, so consecutive windows never
// overlap.
func (r reader) ListAudit(ctx context.Context, f helpdesk.AuditFilter) ([]*helpdesk.AuditEntry, error) {
	var w where
	if f.ActorID != nil {
		w.add("actor_id = %s", *f.ActorID)
	}
	if f.Action != "" {
		w.add("action = %s", f.Action)
	}
	if f.TargetType != "" {
		w.add("target_type = %s", f.TargetType)
	}
	if f.TargetID != "" {
		w.add("target_id = %s", f.TargetID)
	}
	if f.Since != nil {
		w.add("created_at >= %s", *f.Since)
	}
	if f.Until != nil {
		w.add("created_at < %s", *f.Until)
	}
	if f.BeforeID > 0 {
		w.add("id < %s", f.BeforeID)
	}
	sql := `SELECT id, created_at, actor_id, action, target_type, target_id, before, after, ip, request_id
		FROM audit_log` + w.sql() + ` ORDER BY id DESC LIMIT ` + w.arg(clampLimit(f.Limit))
	rows, err := r.q.Query(ctx, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	entries, err := pgx.CollectRows(rows, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	return entries, nil
}

// scanAudit reads one audit_log row.
func scanAudit(row pgx.CollectableRow) (*helpdesk.AuditEntry, error) {
	var e helpdesk.AuditEntry
	err := row.Scan(&e.ID, &e.CreatedAt, &e.ActorID, &e.Action, &e.TargetType, &e.TargetID,
		&e.Before, &e.After, &e.IP, &e.RequestID)
	if err != nil {
		return nil, err
	}
	e.CreatedAt = e.CreatedAt.UTC()
	return &e, nil
}
