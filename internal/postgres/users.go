package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const userColumns = `u.id, u.email, u.name, u.role, u.active, u.time_zone, u.password_hash,
	u.password_changed_at, u.created_at, u.updated_at`

// scanUser reads one row of userColumns.
func scanUser(row pgx.Row) (*helpdesk.User, error) {
	var u helpdesk.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Active, &u.TimeZone, &u.PasswordHash,
		&u.PasswordChangedAt, &u.CreatedAt, &u.UpdatedAt)
	if err != nil {
		return nil, err
	}
	u.PasswordChangedAt = utcPtr(u.PasswordChangedAt)
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return &u, nil
}

// queryUsers runs a query selecting userColumns and collects every row.
func queryUsers(ctx context.Context, q querier, sql string, args ...any) ([]*helpdesk.User, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.User, error) { return scanUser(row) })
}

// FindUserByID returns the user with the given id.
func (r reader) FindUserByID(ctx context.Context, id int64) (*helpdesk.User, error) {
	u, err := scanUser(r.q.QueryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, rowError(err, "User"))
	}
	return u, nil
}

// lowerEmail is how emails are stored: lower-cased in Go, as the SQLite
// store does, so both engines keep the same address. Lookups compare
// lower() of both sides, which is what the unique index holds.
func lowerEmail(email string) string { return strings.ToLower(email) }

// FindUserByEmail returns the user with the given email, in any case.
func (r reader) FindUserByEmail(ctx context.Context, email string) (*helpdesk.User, error) {
	u, err := scanUser(r.q.QueryRow(ctx,
		`SELECT `+userColumns+` FROM users u WHERE lower(u.email) = lower($1)`, lowerEmail(email)))
	if err != nil {
		return nil, fmt.Errorf("find user by email: %w", rowError(err, "User"))
	}
	return u, nil
}

// ListUsers returns users matching f, newest id first.
func (r reader) ListUsers(ctx context.Context, f helpdesk.UserFilter) ([]*helpdesk.User, error) {
	var w where
	if f.Role != nil {
		w.add("u.role = %s", string(*f.Role))
	}
	anyOf(&w, "u.role", f.Roles)
	if f.Active != nil {
		w.add("u.active = %s", *f.Active)
	}
	if f.Email != "" {
		w.add("lower(u.email) = lower(%s)", lowerEmail(f.Email))
	}
	if f.Query != "" {
		// The pattern is escaped so that % and _ match literally.
		p := w.arg(likePrefix(f.Query))
		w.conds = append(w.conds, "(lower(u.email) LIKE lower("+p+") OR lower(u.name) LIKE lower("+p+"))")
	}
	if f.TeamID != nil {
		w.add("u.id IN (SELECT m.user_id FROM team_members m WHERE m.team_id = %s)", *f.TeamID)
	}
	if f.AfterID > 0 {
		w.add("u.id < %s", f.AfterID)
	}
	sql := `SELECT ` + userColumns + ` FROM users u` + w.sql() +
		` ORDER BY u.id DESC LIMIT ` + w.arg(clampLimit(f.Limit))
	users, err := queryUsers(ctx, r.q, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// ListUsersByIDs returns the users with these ids, in no set order; ids
// with no user are absent.
func (r reader) ListUsersByIDs(ctx context.Context, ids []int64) ([]*helpdesk.User, error) {
	if len(ids) > helpdesk.MaxUserIDs {
		return nil, helpdesk.Errorf(helpdesk.EINVALID, "At most %d user ids may be looked up at once.", helpdesk.MaxUserIDs)
	}
	if len(ids) == 0 {
		return []*helpdesk.User{}, nil
	}
	users, err := queryUsers(ctx, r.q, `SELECT `+userColumns+` FROM users u WHERE u.id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("list users by id: %w", err)
	}
	return users, nil
}

// CreateUser stores u, its email lower-cased, and sets its ID.
func (t *tx) CreateUser(ctx context.Context, u *helpdesk.User) error {
	u.Email = lowerEmail(u.Email)
	err := t.savepoint(ctx, func(q pgx.Tx) error {
		return q.QueryRow(ctx, `
			INSERT INTO users (email, name, role, active, time_zone, password_hash,
				password_changed_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			RETURNING id`,
			u.Email, u.Name, string(u.Role), u.Active, u.TimeZone, u.PasswordHash,
			u.PasswordChangedAt, u.CreatedAt, u.UpdatedAt,
		).Scan(&u.ID)
	})
	if err != nil {
		return fmt.Errorf("create user: %w", translate(err))
	}
	return nil
}

// UpdateUser writes u's email (lower-cased), name, role, active flag, time
// zone and updated_at.
func (t *tx) UpdateUser(ctx context.Context, u *helpdesk.User) error {
	u.Email = lowerEmail(u.Email)
	var n int64
	err := t.savepoint(ctx, func(q pgx.Tx) error {
		tag, err := q.Exec(ctx, `
			UPDATE users SET email = $2, name = $3, role = $4, active = $5, time_zone = $6,
				updated_at = $7
			WHERE id = $1`,
			u.ID, u.Email, u.Name, string(u.Role), u.Active, u.TimeZone, u.UpdatedAt)
		n = tag.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, translate(err))
	} else if n == 0 {
		return fmt.Errorf("update user %d: %w", u.ID, notFound("User"))
	}
	return nil
}

// SetPassword replaces the user's password hash.
func (t *tx) SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`,
		userID, hash, at)
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("set password of user %d: %w", userID, notFound("User"))
	}
	return nil
}
