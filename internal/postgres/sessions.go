package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const sessionColumns = `id, user_id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent`

// scanSession reads one row of sessionColumns.
func scanSession(row pgx.Row) (*helpdesk.Session, error) {
	var s helpdesk.Session
	err := row.Scan(&s.ID, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.RevokedAt,
		&s.IP, &s.UserAgent)
	if err != nil {
		return nil, err
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
	s.RevokedAt = utcPtr(s.RevokedAt)
	return &s, nil
}

// FindSession returns the session with the given id, live or not.
func (r reader) FindSession(ctx context.Context, id string) (*helpdesk.Session, error) {
	s, err := scanSession(r.q.QueryRow(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find session: %w", rowError(err, "Session"))
	}
	return s, nil
}

// ListSessions returns userID's live sessions at now, newest first.
func (r reader) ListSessions(ctx context.Context, userID int64, now time.Time) ([]*helpdesk.Session, error) {
	rows, err := r.q.Query(ctx, `
		SELECT `+sessionColumns+` FROM sessions
		WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
		ORDER BY created_at DESC, id DESC`, userID, now)
	if err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	sessions, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.Session, error) { return scanSession(row) })
	if err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	return sessions, nil
}

// CreateSession stores s.
func (t *tx) CreateSession(ctx context.Context, s *helpdesk.Session) error {
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.ID, s.UserID, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.RevokedAt, s.IP, s.UserAgent)
	if err != nil {
		return fmt.Errorf("create session: %w", translate(err))
	}
	return nil
}

// TouchSession records that the session was used at `at`.
func (t *tx) TouchSession(ctx context.Context, id string, at time.Time) error {
	tag, err := t.ptx.Exec(ctx, `UPDATE sessions SET last_seen_at = $2 WHERE id = $1`, id, at)
	if err != nil {
		return fmt.Errorf("touch session: %w", translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("touch session: %w", notFound("Session"))
	}
	return nil
}

// RevokeSession ends the session at `at`. Revoking it again keeps the
// first revocation time.
func (t *tx) RevokeSession(ctx context.Context, id string, at time.Time) error {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE sessions SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1`, id, at)
	if err != nil {
		return fmt.Errorf("revoke session: %w", translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("revoke session: %w", notFound("Session"))
	}
	return nil
}

// RevokeUserSessions revokes userID's live sessions but exceptID, and
// returns how many it revoked.
func (t *tx) RevokeUserSessions(ctx context.Context, userID int64, exceptID string, at time.Time) (int, error) {
	tag, err := t.ptx.Exec(ctx, `
		UPDATE sessions SET revoked_at = $3
		WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL AND expires_at > $3`,
		userID, exceptID, at)
	if err != nil {
		return 0, fmt.Errorf("revoke sessions of user %d: %w", userID, translate(err))
	}
	return int(tag.RowsAffected()), nil
}

// FindRefreshToken returns the refresh token with the given hash.
func (r reader) FindRefreshToken(ctx context.Context, tokenHash string) (*helpdesk.RefreshToken, error) {
	var rt helpdesk.RefreshToken
	err := r.q.QueryRow(ctx, `
		SELECT token_hash, session_id, created_at, expires_at, used_at
		FROM refresh_tokens WHERE token_hash = $1`, tokenHash,
	).Scan(&rt.TokenHash, &rt.SessionID, &rt.CreatedAt, &rt.ExpiresAt, &rt.UsedAt)
	if err != nil {
		return nil, fmt.Errorf("find refresh token: %w", rowError(err, "Refresh token"))
	}
	rt.CreatedAt, rt.ExpiresAt, rt.UsedAt = rt.CreatedAt.UTC(), rt.ExpiresAt.UTC(), utcPtr(rt.UsedAt)
	return &rt, nil
}

// CreateRefreshToken stores rt.
func (t *tx) CreateRefreshToken(ctx context.Context, rt *helpdesk.RefreshToken) error {
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at, used_at)
		VALUES ($1, $2, $3, $4, $5)`,
		rt.TokenHash, rt.SessionID, rt.CreatedAt, rt.ExpiresAt, rt.UsedAt)
	if err != nil {
		return fmt.Errorf("create refresh token: %w", translate(err))
	}
	return nil
}

// UseRefreshToken marks the token used if it was not, and reports whether
// it did. The conditional UPDATE is the whole check, so two concurrent
// refreshes with one token cannot both win.
func (t *tx) UseRefreshToken(ctx context.Context, tokenHash string, at time.Time) (bool, error) {
	ok, err := t.useOnce(ctx, "refresh_tokens", tokenHash, at)
	if err != nil {
		return false, fmt.Errorf("use refresh token: %w", rowError(err, "Refresh token"))
	}
	return ok, nil
}

// useOnce sets used_at on the unused row of table keyed by tokenHash and
// reports whether it did; pgx.ErrNoRows means there is no such row.
// table is always one of this package's constants.
func (t *tx) useOnce(ctx context.Context, table, tokenHash string, at time.Time) (bool, error) {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE `+table+` SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL`, tokenHash, at)
	if err != nil {
		return false, err
	} else if tag.RowsAffected() == 1 {
		return true, nil
	}
	var one int
	if err := t.ptx.QueryRow(ctx, `SELECT 1 FROM `+table+` WHERE token_hash = $1`, tokenHash).Scan(&one); err != nil {
		return false, err
	}
	return false, nil
}
