package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

const apiTokenColumns = `id, user_id, name, prefix, token_hash, created_at, last_used_at, expires_at,
	revoked_at`

func scanAPIToken(s scanner) (*helpdesk.APIToken, error) {
	var t helpdesk.APIToken
	var created int64
	var used, expires, revoked sql.NullInt64
	err := s.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.TokenHash, &created, &used, &expires, &revoked)
	if err != nil {
		return nil, err
	}
	t.CreatedAt, t.LastUsedAt = fromMicros(created), fromNullMicros(used)
	t.ExpiresAt, t.RevokedAt = fromNullMicros(expires), fromNullMicros(revoked)
	return &t, nil
}

func findAPITokenByID(ctx context.Context, q querier, id int64) (*helpdesk.APIToken, error) {
	t, err := scanAPIToken(q.QueryRowContext(ctx,
		`SELECT `+apiTokenColumns+` FROM api_tokens WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find API token %d: %w", id, notFound(err, "API token"))
	}
	return t, nil
}

func findAPITokenByHash(ctx context.Context, q querier, hash string) (*helpdesk.APIToken, error) {
	t, err := scanAPIToken(q.QueryRowContext(ctx,
		`SELECT `+apiTokenColumns+` FROM api_tokens WHERE token_hash = ?`, hash))
	if err != nil {
		return nil, fmt.Errorf("find API token by hash: %w", notFound(err, "API token"))
	}
	return t, nil
}

func listAPITokens(ctx context.Context, q querier, userID int64) ([]*helpdesk.APIToken, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT `+apiTokenColumns+` FROM api_tokens WHERE user_id = ?
		ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list API tokens of user %d: %w", userID, err)
	}
	defer rows.Close()
	tokens := []*helpdesk.APIToken{}
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, fmt.Errorf("list API tokens of user %d: %w", userID, err)
		}
		tokens = append(tokens, t)
	}
	return tokens, rows.Err()
}

func createAPIToken(ctx context.Context, q querier, t *helpdesk.APIToken) error {
	res, err := q.ExecContext(ctx, `
		INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, last_used_at,
			expires_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		t.UserID, t.Name, t.Prefix, t.TokenHash, micros(t.CreatedAt), nullMicros(t.LastUsedAt),
		nullMicros(t.ExpiresAt), nullMicros(t.RevokedAt))
	if err != nil {
		return fmt.Errorf("create API token: %w", translate(err))
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create API token: %w", err)
	}
	return nil
}

// revokeAPIToken revokes the token; revoking it again keeps the first
// revocation time.
func revokeAPIToken(ctx context.Context, q querier, id int64, at time.Time) error {
	res, err := q.ExecContext(ctx,
		`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`, micros(at), id)
	if err == nil {
		err = mustAffect(res, "API token")
	}
	if err != nil {
		return fmt.Errorf("revoke API token %d: %w", id, err)
	}
	return nil
}

func touchAPIToken(ctx context.Context, q querier, id int64, at time.Time) error {
	res, err := q.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, micros(at), id)
	if err == nil {
		err = mustAffect(res, "API token")
	}
	if err != nil {
		return fmt.Errorf("touch API token %d: %w", id, err)
	}
	return nil
}

func revokeUserAPITokens(ctx context.Context, q querier, userID int64, at time.Time) (int, error) {
	res, err := q.ExecContext(ctx, `
		UPDATE api_tokens SET revoked_at = ?
		WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
		micros(at), userID, micros(at))
	if err != nil {
		return 0, fmt.Errorf("revoke API tokens of user %d: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func findPasswordReset(ctx context.Context, q querier, hash string) (*helpdesk.PasswordReset, error) {
	var r helpdesk.PasswordReset
	var created, expires int64
	var used sql.NullInt64
	err := q.QueryRowContext(ctx, `
		SELECT token_hash, user_id, created_at, expires_at, used_at
		FROM password_resets WHERE token_hash = ?`, hash,
	).Scan(&r.TokenHash, &r.UserID, &created, &expires, &used)
	if err != nil {
		return nil, fmt.Errorf("find password reset: %w", notFound(err, "Password reset"))
	}
	r.CreatedAt, r.ExpiresAt, r.UsedAt = fromMicros(created), fromMicros(expires), fromNullMicros(used)
	return &r, nil
}

func createPasswordReset(ctx context.Context, q querier, r *helpdesk.PasswordReset) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at)
		VALUES (?, ?, ?, ?, ?)`,
		r.TokenHash, r.UserID, micros(r.CreatedAt), micros(r.ExpiresAt), nullMicros(r.UsedAt))
	if err != nil {
		return fmt.Errorf("create password reset: %w", translate(err))
	}
	return nil
}

// FindAPITokenByID returns the API token with id.
func (r queries) FindAPITokenByID(ctx context.Context, id int64) (*helpdesk.APIToken, error) {
	return findAPITokenByID(ctx, r.q, id)
}

// FindAPITokenByHash returns the API token with the given hash.
func (r queries) FindAPITokenByHash(ctx context.Context, tokenHash string) (*helpdesk.APIToken, error) {
	return findAPITokenByHash(ctx, r.q, tokenHash)
}

// ListAPITokens returns userID's tokens, revoked ones included, newest first.
func (r queries) ListAPITokens(ctx context.Context, userID int64) ([]*helpdesk.APIToken, error) {
	return listAPITokens(ctx, r.q, userID)
}

// FindPasswordReset returns the password reset with the given hash.
func (r queries) FindPasswordReset(ctx context.Context, tokenHash string) (*helpdesk.PasswordReset, error) {
	return findPasswordReset(ctx, r.q, tokenHash)
}

// CreateAPIToken stores t and sets t.ID.
func (tx *Tx) CreateAPIToken(ctx context.Context, t *helpdesk.APIToken) error {
	return createAPIToken(ctx, tx.tx, t)
}

// RevokeAPIToken ends the token.
func (tx *Tx) RevokeAPIToken(ctx context.Context, id int64, at time.Time) error {
	return revokeAPIToken(ctx, tx.tx, id, at)
}

// TouchAPIToken records that the token was used at `at`.
func (tx *Tx) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	return touchAPIToken(ctx, tx.tx, id, at)
}

// RevokeUserAPITokens revokes every live token of userID.
func (tx *Tx) RevokeUserAPITokens(ctx context.Context, userID int64, at time.Time) (int, error) {
	return revokeUserAPITokens(ctx, tx.tx, userID, at)
}

// CreatePasswordReset stores r.
func (tx *Tx) CreatePasswordReset(ctx context.Context, r *helpdesk.PasswordReset) error {
	return createPasswordReset(ctx, tx.tx, r)
}

// UsePasswordReset marks the reset used if it was unused, and reports
// whether it did.
func (tx *Tx) UsePasswordReset(ctx context.Context, tokenHash string, at time.Time) (bool, error) {
	ok, err := useOnce(ctx, tx.tx, "password_resets", "Password reset", tokenHash, at)
	if err != nil {
		return false, fmt.Errorf("use password reset: %w", err)
	}
	return ok, nil
}
