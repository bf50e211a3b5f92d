package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

const savedViewColumns = `id, owner_id, name, query, sort, columns, scope, team_id, position, created_at, updated_at`

func scanSavedView(s scanner) (*helpdesk.SavedView, error) {
	var (
		v                helpdesk.SavedView
		columns          string
		team             sql.NullInt64
		created, updated int64
	)
	err := s.Scan(&v.ID, &v.OwnerID, &v.Name, &v.Query, &v.Sort, &columns, &v.Scope, &team, &v.Position,
		&created, &updated)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(columns), &v.Columns); err != nil {
		return nil, fmt.Errorf("decode columns of view %d: %w", v.ID, err)
	}
	v.TeamID = fromNullID(team)
	v.CreatedAt, v.UpdatedAt = fromMicros(created), fromMicros(updated)
	return &v, nil
}

// encodeColumns stores a view's columns as a JSON array; nil is [].
func encodeColumns(columns []string) (string, error) {
	if columns == nil {
		columns = []string{}
	}
	b, err := json.Marshal(columns)
	return string(b), err
}

// FindSavedView returns a saved view by id, whoever may see it.
func (r queries) FindSavedView(ctx context.Context, id int64) (*helpdesk.SavedView, error) {
	v, err := scanSavedView(r.q.QueryRowContext(ctx, `SELECT `+savedViewColumns+` FROM saved_views WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find saved view %d: %w", id, notFound(err, "View"))
	}
	return v, nil
}

// ListSavedViews returns the views userID may see: their personal views,
// views shared with everyone, and views shared with one of teamIDs (every
// team view when allTeams).
func (r queries) ListSavedViews(ctx context.Context, userID int64, teamIDs []int64, allTeams bool) ([]*helpdesk.SavedView, error) {
	// Only team views have a team (the schema checks it).
	teams, args := "0", []any{userID}
	switch {
	case allTeams:
		teams = "scope = 'team'"
	case len(teamIDs) > 0:
		teams = "team_id IN (" + placeholders(len(teamIDs)) + ")"
		for _, id := range teamIDs {
			args = append(args, id)
		}
	}
	rows, err := r.q.QueryContext(ctx, `
		SELECT `+savedViewColumns+` FROM saved_views
		WHERE (scope = 'personal' AND owner_id = ?) OR scope = 'everyone' OR `+teams+`
		ORDER BY position, name, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list saved views of user %d: %w", userID, err)
	}
	defer rows.Close()
	views := []*helpdesk.SavedView{}
	for rows.Next() {
		v, err := scanSavedView(rows)
		if err != nil {
			return nil, fmt.Errorf("list saved views of user %d: %w", userID, err)
		}
		views = append(views, v)
	}
	return views, rows.Err()
}

// CreateSavedView stores v and sets v.ID.
func (tx *Tx) CreateSavedView(ctx context.Context, v *helpdesk.SavedView) error {
	columns, err := encodeColumns(v.Columns)
	if err != nil {
		return fmt.Errorf("create saved view: %w", err)
	}
	res, err := tx.tx.ExecContext(ctx, `
		INSERT INTO saved_views (owner_id, name, query, sort, columns, scope, team_id, position,
			created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.OwnerID, v.Name, v.Query, string(v.Sort), columns, v.Scope, nullID(v.TeamID), v.Position,
		micros(v.CreatedAt), micros(v.UpdatedAt))
	if err != nil {
		return fmt.Errorf("create saved view: %w", translate(err))
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create saved view: %w", err)
	}
	return nil
}

// UpdateSavedView writes everything of v but its owner and creation time.
func (tx *Tx) UpdateSavedView(ctx context.Context, v *helpdesk.SavedView) error {
	columns, err := encodeColumns(v.Columns)
	if err != nil {
		return fmt.Errorf("update saved view %d: %w", v.ID, err)
	}
	res, err := tx.tx.ExecContext(ctx, `
		UPDATE saved_views SET name = ?, query = ?, sort = ?, columns = ?, scope = ?, team_id = ?,
			position = ?, updated_at = ?
		WHERE id = ?`,
		v.Name, v.Query, string(v.Sort), columns, v.Scope, nullID(v.TeamID), v.Position, micros(v.UpdatedAt), v.ID)
	if err == nil {
		err = mustAffect(res, "View")
	}
	if err != nil {
		return fmt.Errorf("update saved view %d: %w", v.ID, translate(err))
	}
	return nil
}

// DeleteSavedView removes view id.
func (tx *Tx) DeleteSavedView(ctx context.Context, id int64) error {
	res, err := tx.tx.ExecContext(ctx, `DELETE FROM saved_views WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res, "View")
	}
	if err != nil {
		return fmt.Errorf("delete saved view %d: %w", id, translate(err))
	}
	return nil
}
