package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const apiTokenColumns = `id, user_id, name, prefix, token_hash, created_at, last_used_at, expires_at, revoked_at`

// scanAPIToken reads one row of apiTokenColumns.
func scanAPIToken(row pgx.Row) (*helpdesk.APIToken, error) {
	var k helpdesk.APIToken
	err := row.Scan(&k.ID, &k.UserID, &k.Name, &k.Prefix, &k.TokenHash, &k.CreatedAt, &k.LastUsedAt,
		&k.ExpiresAt, &k.RevokedAt)
	if err != nil {
		return nil, err
	}
	k.CreatedAt = k.CreatedAt.UTC()
	k.LastUsedAt, k.ExpiresAt, k.RevokedAt = utcPtr(k.LastUsedAt), utcPtr(k.ExpiresAt), utcPtr(k.RevokedAt)
	return &k, nil
}

// FindAPITokenByID returns the API token with the given id.
func (r reader) FindAPITokenByID(ctx context.Context, id int64) (*helpdesk.APIToken, error) {
	k, err := scanAPIToken(r.q.QueryRow(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find api token %d: %w", id, rowError(err, "API token"))
	}
	return k, nil
}

// FindAPITokenByHash returns the API token with the given hash.
func (r reader) FindAPITokenByHash(ctx context.Context, tokenHash string) (*helpdesk.APIToken, error) {
	k, err := scanAPIToken(r.q.QueryRow(ctx,
		`SELECT `+apiTokenColumns+` FROM api_tokens WHERE token_hash = $1`, tokenHash))
	if err != nil {
		return nil, fmt.Errorf("find api token by hash: %w", rowError(err, "API token"))
	}
	return k, nil
}

// ListAPITokens returns userID's tokens, revoked ones included, newest
// first.
func (r reader) ListAPITokens(ctx context.Context, userID int64) ([]*helpdesk.APIToken, error) {
	rows, err := r.q.Query(ctx, `
		SELECT `+apiTokenColumns+` FROM api_tokens
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list api tokens of user %d: %w", userID, err)
	}
	tokens, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.APIToken, error) { return scanAPIToken(row) })
	if err != nil {
		return nil, fmt.Errorf("list api tokens of user %d: %w", userID, err)
	}
	return tokens, nil
}

// CreateAPIToken stores k and sets its ID.
func (t *tx) CreateAPIToken(ctx context.Context, k *helpdesk.APIToken) error {
	err := t.ptx.QueryRow(ctx, `
		INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, last_used_at,
			expires_at, revoked_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		k.UserID, k.Name, k.Prefix, k.TokenHash, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt,
	).Scan(&k.ID)
	if err != nil {
		return fmt.Errorf("create api token: %w", translate(err))
	}
	return nil
}

// RevokeAPIToken revokes the token at `at`. Revoking it again keeps the
// first revocation time.
func (t *tx) RevokeAPIToken(ctx context.Context, id int64, at time.Time) error {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1`, id, at)
	if err != nil {
		return fmt.Errorf("revoke api token %d: %w", id, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("revoke api token %d: %w", id, notFound("API token"))
	}
	return nil
}

// TouchAPIToken records that the token was used at `at`.
func (t *tx) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	tag, err := t.ptx.Exec(ctx, `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, id, at)
	if err != nil {
		return fmt.Errorf("touch api token %d: %w", id, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("touch api token %d: %w", id, notFound("API token"))
	}
	return nil
}

// RevokeUserAPITokens revokes every live token of userID and returns how
// many it revoked.
func (t *tx) RevokeUserAPITokens(ctx context.Context, userID int64, at time.Time) (int, error) {
	tag, err := t.ptx.Exec(ctx, `
		UPDATE api_tokens SET revoked_at = $2
		WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
		userID, at)
	if err != nil {
		return 0, fmt.Errorf("revoke api tokens of user %d: %w", userID, translate(err))
	}
	return int(tag.RowsAffected()), nil
}

// FindPasswordReset returns the password reset with the given hash.
func (r reader) FindPasswordReset(ctx context.Context, tokenHash string) (*helpdesk.PasswordReset, error) {
	var pr helpdesk.PasswordReset
	err := r.q.QueryRow(ctx, `
		SELECT token_hash, user_id, created_at, expires_at, used_at
		FROM password_resets WHERE token_hash = $1`, tokenHash,
	).Scan(&pr.TokenHash, &pr.UserID, &pr.CreatedAt, &pr.ExpiresAt, &pr.UsedAt)
	if err != nil {
		return nil, fmt.Errorf("find password reset: %w", rowError(err, "Password reset"))
	}
	pr.CreatedAt, pr.ExpiresAt, pr.UsedAt = pr.CreatedAt.UTC(), pr.ExpiresAt.UTC(), utcPtr(pr.UsedAt)
	return &pr, nil
}

// CreatePasswordReset stores pr.
func (t *tx) CreatePasswordReset(ctx context.Context, pr *helpdesk.PasswordReset) error {
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at)
		VALUES ($1, $2, $3, $4, $5)`,
		pr.TokenHash, pr.UserID, pr.CreatedAt, pr.ExpiresAt, pr.UsedAt)
	if err != nil {
		return fmt.Errorf("create password reset: %w", translate(err))
	}
	return nil
}

// UsePasswordReset marks the reset used if it was not, and reports
// whether it did.
func (t *tx) UsePasswordReset(ctx context.Context, tokenHash string, at time.Time) (bool, error) {
	ok, err := t.useOnce(ctx, "password_resets", tokenHash, at)
	if err != nil {
		return false, fmt.Errorf("use password reset: %w", rowError(err, "Password reset"))
	}
	return ok, nil
}
