package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

const sessionColumns = `id, user_id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent`

func scanSession(s scanner) (*helpdesk.Session, error) {
	var ss helpdesk.Session
	var created, seen, expires int64
	var revoked sql.NullInt64
	err := s.Scan(&ss.ID, &ss.UserID, &created, &seen, &expires, &revoked, &ss.IP, &ss.UserAgent)
	if err != nil {
		return nil, err
	}
	ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt = fromMicros(created), fromMicros(seen), fromMicros(expires)
	ss.RevokedAt = fromNullMicros(revoked)
	return &ss, nil
}

func findSession(ctx context.Context, q querier, id string) (*helpdesk.Session, error) {
	s, err := scanSession(q.QueryRowContext(ctx,
		`SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find session: %w", notFound(err, "Session"))
	}
	return s, nil
}

func listSessions(ctx context.Context, q querier, userID int64, now time.Time) ([]*helpdesk.Session, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT `+sessionColumns+` FROM sessions
		WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
		ORDER BY created_at DESC, id DESC`, userID, micros(now))
	if err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	defer rows.Close()
	sessions := []*helpdesk.Session{}
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
		}
		sessions = append(sessions, s)
	}
	return sessions, rows.Err()
}

func createSession(ctx context.Context, q querier, s *helpdesk.Session) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.UserID, micros(s.CreatedAt), micros(s.LastSeenAt), micros(s.ExpiresAt),
		nullMicros(s.RevokedAt), s.IP, s.UserAgent)
	if err != nil {
		return fmt.Errorf("create session: %w", translate(err))
	}
	return nil
}

func touchSession(ctx context.Context, q querier, id string, at time.Time) error {
	res, err := q.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, micros(at), id)
	if err == nil {
		err = mustAffect(res, "Session")
	}
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// revokeSession revokes the session; revoking it again keeps the first
// revocation time.
func revokeSession(ctx context.Context, q querier, id string, at time.Time) error {
	res, err := q.ExecContext(ctx,
		`UPDATE sessions SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`, micros(at), id)
	if err == nil {
		err = mustAffect(res, "Session")
	}
	if err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}

func revokeUserSessions(ctx context.Context, q querier, userID int64, exceptID string, at time.Time) (int, error) {
	res, err := q.ExecContext(ctx, `
		UPDATE sessions SET revoked_at = ?
		WHERE user_id = ? AND id <> ? AND revoked_at IS NULL AND expires_at > ?`,
		micros(at), userID, exceptID, micros(at))
	if err != nil {
		return 0, fmt.Errorf("revoke sessions of user %d: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func findRefreshToken(ctx context.Context, q querier, hash string) (*helpdesk.RefreshToken, error) {
	var t helpdesk.RefreshToken
	var created, expires int64
	var used sql.NullInt64
	err := q.QueryRowContext(ctx, `
		SELECT token_hash, session_id, created_at, expires_at, used_at
		FROM refresh_tokens WHERE token_hash = ?`, hash,
	).Scan(&t.TokenHash, &t.SessionID, &created, &expires, &used)
	if err != nil {
		return nil, fmt.Errorf("find refresh token: %w", notFound(err, "Refresh token"))
	}
	t.CreatedAt, t.ExpiresAt, t.UsedAt = fromMicros(created), fromMicros(expires), fromNullMicros(used)
	return &t, nil
}

func createRefreshToken(ctx context.Context, q querier, t *helpdesk.RefreshToken) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at, used_at)
		VALUES (?, ?, ?, ?, ?)`,
		t.TokenHash, t.SessionID, micros(t.CreatedAt), micros(t.ExpiresAt), nullMicros(t.UsedAt))
	if err != nil {
		return fmt.Errorf("create refresh token: %w", translate(err))
	}
	return nil
}

// useOnce marks the row of table keyed by hash used at `at`, in one
// statement, so two concurrent uses cannot both succeed. It reports false
// when the row had been used already, and ENOTFOUND when there is none.
func useOnce(ctx context.Context, q querier, table, what, hash string, at time.Time) (bool, error) {
	// table is one of this package's constants, never user input.
	res, err := q.ExecContext(ctx,
		`UPDATE `+table+` SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`, micros(at), hash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 1 {
		return n == 1, err
	}
	var exists int
	err = q.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE token_hash = ?`, hash).Scan(&exists)
	if err != nil {
		return false, notFound(err, what)
	}
	return false, nil
}

// FindSession returns the session with id.
func (r queries) FindSession(ctx context.Context, id string) (*helpdesk.Session, error) {
	return findSession(ctx, r.q, id)
}

// ListSessions returns userID's live sessions at now, newest first.
func (r queries) ListSessions(ctx context.Context, userID int64, now time.Time) ([]*helpdesk.Session, error) {
	return listSessions(ctx, r.q, userID, now)
}

// FindRefreshToken returns the refresh token with the given hash.
func (r queries) FindRefreshToken(ctx context.Context, tokenHash string) (*helpdesk.RefreshToken, error) {
	return findRefreshToken(ctx, r.q, tokenHash)
}

// CreateSession stores s.
func (tx *Tx) CreateSession(ctx context.Context, s *helpdesk.Session) error {
	return createSession(ctx, tx.tx, s)
}

// TouchSession records that the session was seen at `at`.
func (tx *Tx) TouchSession(ctx context.Context, id string, at time.Time) error {
	return touchSession(ctx, tx.tx, id, at)
}

// RevokeSession ends the session.
func (tx *Tx) RevokeSession(ctx context.Context, id string, at time.Time) error {
	return revokeSession(ctx, tx.tx, id, at)
}

// RevokeUserSessions revokes userID's live sessions except exceptID.
func (tx *Tx) RevokeUserSessions(ctx context.Context, userID int64, exceptID string, at time.Time) (int, error) {
	return revokeUserSessions(ctx, tx.tx, userID, exceptID, at)
}

// CreateRefreshToken stores t.
func (tx *Tx) CreateRefreshToken(ctx context.Context, t *helpdesk.RefreshToken) error {
	return createRefreshToken(ctx, tx.tx, t)
}

// UseRefreshToken marks the token used if it was unused, and reports
// whether it did.
func (tx *Tx) UseRefreshToken(ctx context.Context, tokenHash string, at time.Time) (bool, error) {
	ok, err := useOnce(ctx, tx.tx, "refresh_tokens", "Refresh token", tokenHash, at)
	if err != nil {
		return false, fmt.Errorf("use refresh token: %w", err)
	}
	return ok, nil
}
