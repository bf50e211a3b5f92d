package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

const auditColumns = `id, created_at, actor_id, action, target_type, target_id, before, after, ip,
	request_id`

func scanAudit(s scanner) (*helpdesk.AuditEntry, error) {
	var e helpdesk.AuditEntry
	var created int64
	var actor sql.NullInt64
	var before, after sql.NullString
	err := s.Scan(&e.ID, &created, &actor, &e.Action, &e.TargetType, &e.TargetID, &before, &after,
		&e.IP, &e.RequestID)
	if err != nil {
		return nil, err
	}
	e.CreatedAt, e.ActorID = fromMicros(created), fromNullID(actor)
	e.Before, e.After = jsonBytes(before), jsonBytes(after)
	return &e, nil
}

// jsonBytes reads a nullable JSON column; NULL stays nil.
func jsonBytes(s sql.NullString) []byte {
	if !s.Valid {
		return nil
	}
	return []byte(s.String)
}

// jsonText stores JSON bytes as text; nil or empty becomes NULL.
func jsonText(b []byte) sql.NullString {
	if len(b) == 0 {
		return sql.NullString{}
	}
	return sql.NullString{String: string(b), Valid: true}
}

func listAudit(ctx context.Context, q querier, f helpdesk.AuditFilter) ([]*helpdesk.AuditEntry, error) {
	var w where
	if f.ActorID != nil {
		w.add("actor_id = ?", *f.ActorID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if f.TargetType != "" {
		w.add("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		w.add("target_id = ?", f.TargetID)
	}
	if f.Since != nil {
		w.add("created_at >= ?", micros(*f.Since))
	}
	if f.Until != nil {
		w.add("created_at < ?", micros(*f.Until))
	}
	if f.BeforeID > 0 {
		w.add("id < ?", f.BeforeID)
	}
	query := `SELECT ` + auditColumns + ` FROM audit_log` + w.String() + ` ORDER BY id DESC LIMIT ?`
	rows, err := q.QueryContext(ctx, query, append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	entries := []*helpdesk.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("list audit: %w", err)
		}
		entries = append(entries, e)
	}
	return entries, rows.Err()
}

func appendAudit(ctx context.Context, q querier, e *helpdesk.AuditEntry) error {
	res, err := q.ExecContext(ctx, `
		INSERT INTO audit_log (created_at, actor_id, action, target_type, target_id, before, after,
			ip, request_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		micros(e.CreatedAt), nullID(e.ActorID), e.Action, e.TargetType, e.TargetID,
		jsonText(e.Before), jsonText(e.After), e.IP, e.RequestID)
	if err != nil {
		return fmt.Errorf("append audit %s: %w", e.Action, translate(err))
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	return nil
}

// ListAudit returns audit entries matching f, newest first. Since is
// inclusive and Until exclusive.
func (r queries) ListAudit(ctx context.Context, f helpdesk.AuditFilter) ([]*helpdesk.AuditEntry, error) {
	return listAudit(ctx, r.q, f)
}

// AppendAudit stores e and sets e.ID.
func (tx *Tx) AppendAudit(ctx context.Context, e *helpdesk.AuditEntry) error {
	return appendAudit(ctx, tx.tx, e)
}
