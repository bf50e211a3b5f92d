package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const teamColumns = `id, name, description, created_at, updated_at`

// scanTeam reads one row of teamColumns.
func scanTeam(row pgx.Row) (*helpdesk.Team, error) {
	var t helpdesk.Team
	if err := row.Scan(&t.ID, &t.Name, &t.Description, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return &t, nil
}

// FindTeamByID returns the team with the given id.
func (r reader) FindTeamByID(ctx context.Context, id int64) (*helpdesk.Team, error) {
	t, err := scanTeam(r.q.QueryRow(ctx, `SELECT `+teamColumns+` FROM teams WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find team %d: %w", id, rowError(err, "Team"))
	}
	return t, nil
}

// ListTeams returns every team ordered by name. COLLATE "C" orders by
// code point, as SQLite does, whatever the database's collation.
func (r reader) ListTeams(ctx context.Context) ([]*helpdesk.Team, error) {
	rows, err := r.q.Query(ctx, `SELECT `+teamColumns+` FROM teams ORDER BY name COLLATE "C", id`)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	teams, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.Team, error) { return scanTeam(row) })
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	return teams, nil
}

// ListTeamMembers returns the team's members ordered by name.
func (r reader) ListTeamMembers(ctx context.Context, teamID int64) ([]*helpdesk.User, error) {
	users, err := queryUsers(ctx, r.q, `
		SELECT `+userColumns+` FROM users u
		JOIN team_members m ON m.user_id = u.id
		WHERE m.team_id = $1
		ORDER BY u.name COLLATE "C", u.id`, teamID)
	if err != nil {
		return nil, fmt.Errorf("list members of team %d: %w", teamID, err)
	}
	return users, nil
}

// ListUserTeamIDs returns the ids of the teams userID belongs to.
func (r reader) ListUserTeamIDs(ctx context.Context, userID int64) ([]int64, error) {
	rows, err := r.q.Query(ctx,
		`SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id`, userID)
	if err != nil {
		return nil, fmt.Errorf("list teams of user %d: %w", userID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("list teams of user %d: %w", userID, err)
	}
	return ids, nil
}

// CreateTeam stores t and sets its ID.
func (t *tx) CreateTeam(ctx context.Context, team *helpdesk.Team) error {
	err := t.savepoint(ctx, func(q pgx.Tx) error {
		return q.QueryRow(ctx, `
			INSERT INTO teams (name, description, created_at, updated_at)
			VALUES ($1, $2, $3, $4) RETURNING id`,
			team.Name, team.Description, team.CreatedAt, team.UpdatedAt).Scan(&team.ID)
	})
	if err != nil {
		return fmt.Errorf("create team: %w", translate(err))
	}
	return nil
}

// UpdateTeam writes the team's name, description and updated_at.
func (t *tx) UpdateTeam(ctx context.Context, team *helpdesk.Team) error {
	var n int64
	err := t.savepoint(ctx, func(q pgx.Tx) error {
		tag, err := q.Exec(ctx,
			`UPDATE teams SET name = $2, description = $3, updated_at = $4 WHERE id = $1`,
			team.ID, team.Name, team.Description, team.UpdatedAt)
		n = tag.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("update team %d: %w", team.ID, translate(err))
	} else if n == 0 {
		return fmt.Errorf("update team %d: %w", team.ID, notFound("Team"))
	}
	return nil
}

// DeleteTeam removes the team; the foreign keys drop its memberships and
// clear it from tickets.
func (t *tx) DeleteTeam(ctx context.Context, id int64) error {
	tag, err := t.ptx.Exec(ctx, `DELETE FROM teams WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete team %d: %w", id, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete team %d: %w", id, notFound("Team"))
	}
	return nil
}

// AddTeamMember adds userID to teamID; adding a member twice is a no-op.
func (t *tx) AddTeamMember(ctx context.Context, teamID, userID int64) error {
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)
		ON CONFLICT (team_id, user_id) DO NOTHING`, teamID, userID)
	if err != nil {
		return fmt.Errorf("add user %d to team %d: %w", userID, teamID, translate(err))
	}
	return nil
}

// RemoveTeamMember removes userID from teamID.
func (t *tx) RemoveTeamMember(ctx context.Context, teamID, userID int64) error {
	tag, err := t.ptx.Exec(ctx,
		`DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, teamID, userID)
	if err != nil {
		return fmt.Errorf("remove user %d from team %d: %w", userID, teamID, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("remove user %d from team %d: %w", userID, teamID, notFound("Team member"))
	}
	return nil
}
