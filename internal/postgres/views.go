package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const savedViewColumns = `id, owner_id, name, query, sort, columns, scope, team_id, position, created_at, updated_at`

// scanSavedView reads one row of savedViewColumns.
func scanSavedView(row pgx.Row) (*helpdesk.SavedView, error) {
	var v helpdesk.SavedView
	err := row.Scan(&v.ID, &v.OwnerID, &v.Name, &v.Query, &v.Sort, &v.Columns, &v.Scope, &v.TeamID, &v.Position,
		&v.CreatedAt, &v.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if v.Columns == nil {
		v.Columns = []string{}
	}
	v.CreatedAt, v.UpdatedAt = v.CreatedAt.UTC(), v.UpdatedAt.UTC()
	return &v, nil
}

// columnsArg stores a view's columns; nil is an empty array, never NULL.
func columnsArg(columns []string) []string {
	if columns == nil {
		return []string{}
	}
	return columns
}

// FindSavedView returns a saved view by id, whoever may see it.
func (r reader) FindSavedView(ctx context.Context, id int64) (*helpdesk.SavedView, error) {
	v, err := scanSavedView(r.q.QueryRow(ctx, `SELECT `+savedViewColumns+` FROM saved_views WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find saved view %d: %w", id, rowError(err, "View"))
	}
	return v, nil
}

// ListSavedViews returns the views userID may see: their personal views,
// views shared with everyone, and views shared with one of teamIDs (every
// team view when allTeams). Only team views have a team (the schema
// checks it). COLLATE "C" orders names by code point, as SQLite does.
func (r reader) ListSavedViews(ctx context.Context, userID int64, teamIDs []int64, allTeams bool) ([]*helpdesk.SavedView, error) {
	if teamIDs == nil {
		teamIDs = []int64{}
	}
	rows, err := r.q.Query(ctx, `
		SELECT `+savedViewColumns+` FROM saved_views
		WHERE (scope = 'personal' AND owner_id = $1) OR scope = 'everyone'
			OR (scope = 'team' AND ($3 OR team_id = ANY($2)))
		ORDER BY position, name COLLATE "C", id`, userID, teamIDs, allTeams)
	if err != nil {
		return nil, fmt.Errorf("list saved views of user %d: %w", userID, err)
	}
	views, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.SavedView, error) {
		return scanSavedView(row)
	})
	if err != nil {
		return nil, fmt.Errorf("list saved views of user %d: %w", userID, err)
	}
	if views == nil {
		views = []*helpdesk.SavedView{}
	}
	return views, nil
}

// CreateSavedView stores v and sets v.ID.
func (t *tx) CreateSavedView(ctx context.Context, v *helpdesk.SavedView) error {
	err := t.savepoint(ctx, func(q pgx.Tx) error {
		return q.QueryRow(ctx, `
			INSERT INTO saved_views (owner_id, name, query, sort, columns, scope, team_id, position,
				created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			v.OwnerID, v.Name, v.Query, string(v.Sort), columnsArg(v.Columns), v.Scope, v.TeamID, v.Position,
			v.CreatedAt, v.UpdatedAt).Scan(&v.ID)
	})
	if err != nil {
		return fmt.Errorf("create saved view: %w", translate(err))
	}
	return nil
}

// UpdateSavedView writes everything of v but its owner and creation time.
func (t *tx) UpdateSavedView(ctx context.Context, v *helpdesk.SavedView) error {
	var n int64
	err := t.savepoint(ctx, func(q pgx.Tx) error {
		tag, err := q.Exec(ctx, `
			UPDATE saved_views SET name = $2, query = $3, sort = $4, columns = $5, scope = $6, team_id = $7,
				position = $8, updated_at = $9
			WHERE id = $1`,
			v.ID, v.Name, v.Query, string(v.Sort), columnsArg(v.Columns), v.Scope, v.TeamID, v.Position, v.UpdatedAt)
		n = tag.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("update saved view %d: %w", v.ID, translate(err))
	} else if n == 0 {
		return fmt.Errorf("update saved view %d: %w", v.ID, notFound("View"))
	}
	return nil
}

// DeleteSavedView removes view id.
func (t *tx) DeleteSavedView(ctx context.Context, id int64) error {
	tag, err := t.ptx.Exec(ctx, `DELETE FROM saved_views WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete saved view %d: %w", id, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete saved view %d: %w", id, notFound("View"))
	}
	return nil
}
