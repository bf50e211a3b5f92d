package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

const userColumns = `u.id, u.email, u.name, u.role, u.active, u.time_zone, u.password_hash,
	u.password_changed_at, u.created_at, u.updated_at`

func scanUser(s scanner) (*helpdesk.User, error) {
	var u helpdesk.User
	var changed sql.NullInt64
	var created, updated int64
	err := s.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Active, &u.TimeZone, &u.PasswordHash,
		&changed, &created, &updated)
	if err != nil {
		return nil, err
	}
	u.PasswordChangedAt = fromNullMicros(changed)
	u.CreatedAt, u.UpdatedAt = fromMicros(created), fromMicros(updated)
	return &u, nil
}

func findUserByID(ctx context.Context, q querier, id int64) (*helpdesk.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, notFound(err, "User"))
	}
	return u, nil
}

func findUserByEmail(ctx context.Context, q querier, email string) (*helpdesk.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = ?`,
		helpdesk.NormalizeEmail(email)))
	if err != nil {
		return nil, fmt.Errorf("find user by email: %w", notFound(err, "User"))
	}
	return u, nil
}

func listUsers(ctx context.Context, q querier, f helpdesk.UserFilter) ([]*helpdesk.User, error) {
	var w where
	if f.Role != nil {
		w.add("u.role = ?", string(*f.Role))
	}
	in(&w, "u.role", f.Roles)
	if f.Active != nil {
		w.add("u.active = ?", boolInt(*f.Active))
	}
	if f.Email != "" {
		w.add("u.email = ?", helpdesk.NormalizeEmail(f.Email))
	}
	if f.Query != "" {
		// Both columns hold lower-cased text, so a lower-cased pattern
		// matches case-insensitively beyond ASCII too.
		p := likePrefix(strings.ToLower(f.Query))
		w.add(`(u.email LIKE ? ESCAPE '\' OR u.name_lower LIKE ? ESCAPE '\')`, p, p)
	}
	if f.TeamID != nil {
		w.add("u.id IN (SELECT user_id FROM team_members WHERE team_id = ?)", *f.TeamID)
	}
	if f.AfterID > 0 {
		w.add("u.id < ?", f.AfterID)
	}
	query := `SELECT ` + userColumns + ` FROM users u` + w.String() + ` ORDER BY u.id DESC LIMIT ?`
	users, err := queryUsers(ctx, q, query, append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// listUsersByIDs returns the users with these ids, in no set order.
func listUsersByIDs(ctx context.Context, q querier, ids []int64) ([]*helpdesk.User, error) {
	if len(ids) > helpdesk.MaxUserIDs {
		return nil, helpdesk.Errorf(helpdesk.EINVALID, "At most %d user ids may be looked up at once.", helpdesk.MaxUserIDs)
	}
	if len(ids) == 0 {
		return []*helpdesk.User{}, nil
	}
	var w where
	inIDs(&w, "u.id", ids)
	users, err := queryUsers(ctx, q, `SELECT `+userColumns+` FROM users u`+w.String(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list users by id: %w", err)
	}
	return users, nil
}

// queryUsers runs a query selecting userColumns and collects the rows.
func queryUsers(ctx context.Context, q querier, query string, args ...any) ([]*helpdesk.User, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	users := []*helpdesk.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func createUser(ctx context.Context, q querier, u *helpdesk.User) error {
	u.Email = helpdesk.NormalizeEmail(u.Email)
	res, err := q.ExecContext(ctx, `
		INSERT INTO users (email, name, name_lower, role, active, time_zone, password_hash,
			password_changed_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Email, u.Name, lowerName(u.Name), string(u.Role), boolInt(u.Active), u.TimeZone, u.PasswordHash,
		nullMicros(u.PasswordChangedAt), micros(u.CreatedAt), micros(u.UpdatedAt))
	if err != nil {
		return fmt.Errorf("create user: %w", translate(err))
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return nil
}

func updateUser(ctx context.Context, q querier, u *helpdesk.User) error {
	u.Email = helpdesk.NormalizeEmail(u.Email)
	res, err := q.ExecContext(ctx, `
		UPDATE users SET email = ?, name = ?, name_lower = ?, role = ?, active = ?, time_zone = ?,
			updated_at = ?
		WHERE id = ?`,
		u.Email, u.Name, lowerName(u.Name), string(u.Role), boolInt(u.Active), u.TimeZone, micros(u.UpdatedAt), u.ID)
	if err == nil {
		err = mustAffect(res, "User")
	}
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, translate(err))
	}
	return nil
}

func setPassword(ctx context.Context, q querier, userID int64, hash string, at time.Time) error {
	res, err := q.ExecContext(ctx,
		`UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?`,
		hash, micros(at), userID)
	if err == nil {
		err = mustAffect(res, "User")
	}
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	return nil
}

// FindUserByID returns the user with id.
func (r queries) FindUserByID(ctx context.Context, id int64) (*helpdesk.User, error) {
	return findUserByID(ctx, r.q, id)
}

// FindUserByEmail returns the user with email, in any case.
func (r queries) FindUserByEmail(ctx context.Context, email string) (*helpdesk.User, error) {
	return findUserByEmail(ctx, r.q, email)
}

// ListUsers returns users matching f, newest id first.
func (r queries) ListUsers(ctx context.Context, f helpdesk.UserFilter) ([]*helpdesk.User, error) {
	return listUsers(ctx, r.q, f)
}

// ListUsersByIDs returns the users with these ids, in no set order; ids
// with no user are absent.
func (r queries) ListUsersByIDs(ctx context.Context, ids []int64) ([]*helpdesk.User, error) {
	return listUsersByIDs(ctx, r.q, ids)
}

// CreateUser stores u with its email lower-cased and sets u.ID.
func (tx *Tx) CreateUser(ctx context.Context, u *helpdesk.User) error {
	return createUser(ctx, tx.tx, u)
}

// UpdateUser writes u's profile fields.
func (tx *Tx) UpdateUser(ctx context.Context, u *helpdesk.User) error {
	return updateUser(ctx, tx.tx, u)
}

// SetPassword replaces the user's password hash.
func (tx *Tx) SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error {
	return setPassword(ctx, tx.tx, userID, hash, at)
}
