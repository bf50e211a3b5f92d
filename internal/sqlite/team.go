package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

const teamColumns = `id, name, description, created_at, updated_at`

func scanTeam(s scanner) (*helpdesk.Team, error) {
	var t helpdesk.Team
	var created, updated int64
	if err := s.Scan(&t.ID, &t.Name, &t.Description, &created, &updated); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = fromMicros(created), fromMicros(updated)
	return &t, nil
}

// lowerName is the case-folded form of a name, for uniqueness and search.
func lowerName(name string) string { return strings.ToLower(name) }

func findTeamByID(ctx context.Context, q querier, id int64) (*helpdesk.Team, error) {
	t, err := scanTeam(q.QueryRowContext(ctx, `SELECT `+teamColumns+` FROM teams WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find team %d: %w", id, notFound(err, "Team"))
	}
	return t, nil
}

func listTeams(ctx context.Context, q querier) ([]*helpdesk.Team, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+teamColumns+` FROM teams ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	defer rows.Close()
	teams := []*helpdesk.Team{}
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, fmt.Errorf("list teams: %w", err)
		}
		teams = append(teams, t)
	}
	return teams, rows.Err()
}

func listTeamMembers(ctx context.Context, q querier, teamID int64) ([]*helpdesk.User, error) {
	users, err := queryUsers(ctx, q, `
		SELECT `+userColumns+` FROM team_members m JOIN users u ON u.id = m.user_id
		WHERE m.team_id = ? ORDER BY u.name, u.id`, teamID)
	if err != nil {
		return nil, fmt.Errorf("list members of team %d: %w", teamID, err)
	}
	return users, nil
}

func listUserTeamIDs(ctx context.Context, q querier, userID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id`, userID)
	if err != nil {
		return nil, fmt.Errorf("list teams of user %d: %w", userID, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list teams of user %d: %w", userID, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func createTeam(ctx context.Context, q querier, t *helpdesk.Team) error {
	res, err := q.ExecContext(ctx, `
		INSERT INTO teams (name, name_lower, description, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`,
		t.Name, lowerName(t.Name), t.Description, micros(t.CreatedAt), micros(t.UpdatedAt))
	if err != nil {
		return fmt.Errorf("create team: %w", translate(err))
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create team: %w", err)
	}
	return nil
}

func updateTeam(ctx context.Context, q querier, t *helpdesk.Team) error {
	res, err := q.ExecContext(ctx, `
		UPDATE teams SET name = ?, name_lower = ?, description = ?, updated_at = ? WHERE id = ?`,
		t.Name, lowerName(t.Name), t.Description, micros(t.UpdatedAt), t.ID)
	if err == nil {
		err = mustAffect(res, "Team")
	}
	if err != nil {
		return fmt.Errorf("update team %d: %w", t.ID, translate(err))
	}
	return nil
}

// deleteTeam removes the team; the schema cascades to its memberships and
// sets its tickets' team to NULL.
func deleteTeam(ctx context.Context, q querier, id int64) error {
	res, err := q.ExecContext(ctx, `DELETE FROM teams WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res, "Team")
	}
	if err != nil {
		return fmt.Errorf("delete team %d: %w", id, translate(err))
	}
	return nil
}

func addTeamMember(ctx context.Context, q querier, teamID, userID int64) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO team_members (team_id, user_id) VALUES (?, ?)
		ON CONFLICT (team_id, user_id) DO NOTHING`, teamID, userID)
	if err != nil {
		return fmt.Errorf("add user %d to team %d: %w", userID, teamID, translate(err))
	}
	return nil
}

func removeTeamMember(ctx context.Context, q querier, teamID, userID int64) error {
	res, err := q.ExecContext(ctx,
		`DELETE FROM team_members WHERE team_id = ? AND user_id = ?`, teamID, userID)
	if err == nil {
		err = mustAffect(res, "Team member")
	}
	if err != nil {
		return fmt.Errorf("remove user %d from team %d: %w", userID, teamID, err)
	}
	return nil
}

// FindTeamByID returns the team with id.
func (r queries) FindTeamByID(ctx context.Context, id int64) (*helpdesk.Team, error) {
	return findTeamByID(ctx, r.q, id)
}

// ListTeams returns every team ordered by name.
func (r queries) ListTeams(ctx context.Context) ([]*helpdesk.Team, error) {
	return listTeams(ctx, r.q)
}

// ListTeamMembers returns the team's members ordered by name.
func (r queries) ListTeamMembers(ctx context.Context, teamID int64) ([]*helpdesk.User, error) {
	return listTeamMembers(ctx, r.q, teamID)
}

// ListUserTeamIDs returns the ids of userID's teams, ascending.
func (r queries) ListUserTeamIDs(ctx context.Context, userID int64) ([]int64, error) {
	return listUserTeamIDs(ctx, r.q, userID)
}

// CreateTeam stores t and sets t.ID.
func (tx *Tx) CreateTeam(ctx context.Context, t *helpdesk.Team) error {
	return createTeam(ctx, tx.tx, t)
}

// UpdateTeam writes t's name, description and updated_at.
func (tx *Tx) UpdateTeam(ctx context.Context, t *helpdesk.Team) error {
	return updateTeam(ctx, tx.tx, t)
}

// DeleteTeam removes the team, its memberships, and its tickets' link to it.
func (tx *Tx) DeleteTeam(ctx context.Context, id int64) error {
	return deleteTeam(ctx, tx.tx, id)
}

// AddTeamMember adds userID to teamID; adding a member twice is fine.
func (tx *Tx) AddTeamMember(ctx context.Context, teamID, userID int64) error {
	return addTeamMember(ctx, tx.tx, teamID, userID)
}

// RemoveTeamMember removes userID from teamID.
func (tx *Tx) RemoveTeamMember(ctx context.Context, teamID, userID int64) error {
	return removeTeamMember(ctx, tx.tx, teamID, userID)
}
