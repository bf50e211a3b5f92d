package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/triagehq/triage/internal/helpdesk"
)

const ticketColumns = `t.id, t.subject, t.status, t.priority, t.type, t.requester_id, t.assignee_id,
	t.team_id, t.tags, t.created_at, t.updated_at, t.solved_at, t.first_response_at`

func scanTicket(s scanner) (*helpdesk.Ticket, error) {
	var t helpdesk.Ticket
	var assignee, team, solved, responded sql.NullInt64
	var tags string
	var created, updated int64
	err := s.Scan(&t.ID, &t.Subject, &t.Status, &t.Priority, &t.Type, &t.RequesterID, &assignee,
		&team, &tags, &created, &updated, &solved, &responded)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(tags), &t.Tags); err != nil {
		return nil, fmt.Errorf("decode tags of ticket %d: %w", t.ID, err)
	}
	if t.Tags == nil {
		t.Tags = []string{}
	}
	t.AssigneeID, t.TeamID = fromNullID(assignee), fromNullID(team)
	t.CreatedAt, t.UpdatedAt = fromMicros(created), fromMicros(updated)
	t.SolvedAt, t.FirstResponseAt = fromNullMicros(solved), fromNullMicros(responded)
	return &t, nil
}

func findTicketByID(ctx context.Context, q querier, id int64) (*helpdesk.Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx,
		`SELECT `+ticketColumns+` FROM tickets t WHERE t.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find ticket %d: %w", id, notFound(err, "Ticket"))
	}
	return t, nil
}

// sortedTags returns tags sorted and without duplicates, never nil, so the
// denormalized column and the ticket_tags rows always agree.
func sortedTags(tags []string) []string {
	out := slices.Clone(tags)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func createTicket(ctx context.Context, q querier, t *helpdesk.Ticket) error {
	t.Tags = sortedTags(t.Tags)
	tags, err := json.Marshal(t.Tags)
	if err != nil {
		return fmt.Errorf("create ticket: %w", err)
	}
	res, err := q.ExecContext(ctx, `
		INSERT INTO tickets (subject, status, priority, type, requester_id, assignee_id, team_id,
			tags, created_at, updated_at, solved_at, first_response_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.Subject, string(t.Status), string(t.Priority), string(t.Type), t.RequesterID,
		nullID(t.AssigneeID), nullID(t.TeamID), string(tags), micros(t.CreatedAt),
		micros(t.UpdatedAt), nullMicros(t.SolvedAt), nullMicros(t.FirstResponseAt))
	if err != nil {
		return fmt.Errorf("create ticket: %w", translate(err))
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create ticket: %w", err)
	}
	if err := insertTicketTags(ctx, q, t); err != nil {
		return fmt.Errorf("create ticket: %w", err)
	}
	return nil
}

func updateTicket(ctx context.Context, q querier, t *helpdesk.Ticket) error {
	t.Tags = sortedTags(t.Tags)
	tags, err := json.Marshal(t.Tags)
	if err != nil {
		return fmt.Errorf("update ticket %d: %w", t.ID, err)
	}
	res, err := q.ExecContext(ctx, `
		UPDATE tickets SET subject = ?, status = ?, priority = ?, type = ?, requester_id = ?,
			assignee_id = ?, team_id = ?, tags = ?, updated_at = ?, solved_at = ?,
			first_response_at = ?
		WHERE id = ?`,
		t.Subject, string(t.Status), string(t.Priority), string(t.Type), t.RequesterID,
		nullID(t.AssigneeID), nullID(t.TeamID), string(tags), micros(t.UpdatedAt),
		nullMicros(t.SolvedAt), nullMicros(t.FirstResponseAt), t.ID)
	if err == nil {
		err = mustAffect(res, "Ticket")
	}
	if err == nil {
		err = replaceTicketTags(ctx, q, t)
	}
	if err != nil {
		return fmt.Errorf("update ticket %d: %w", t.ID, translate(err))
	}
	return nil
}

// replaceTicketTags makes the ticket's ticket_tags rows equal tags. Rows
// of kept tags stay; the schema's trigger has already copied the ticket's
// new updated_at into them.
func replaceTicketTags(ctx context.Context, q querier, t *helpdesk.Ticket) error {
	var w where
	w.add("ticket_id = ?", t.ID)
	if len(t.Tags) > 0 {
		args := make([]any, len(t.Tags))
		for i, tag := range t.Tags {
			args[i] = tag
		}
		w.add("tag NOT IN ("+placeholders(len(t.Tags))+")", args...)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM ticket_tags`+w.String(), w.args...); err != nil {
		return fmt.Errorf("remove tags: %w", err)
	}
	return insertTicketTags(ctx, q, t)
}

// insertTicketTags adds the ticket_tags rows of t's tags that are missing,
// in one statement.
func insertTicketTags(ctx context.Context, q querier, t *helpdesk.Ticket) error {
	if len(t.Tags) == 0 {
		return nil
	}
	values := make([]string, len(t.Tags))
	args := make([]any, 0, 3*len(t.Tags))
	for i, tag := range t.Tags {
		values[i] = "(?, ?, ?)"
		args = append(args, tag, t.ID, micros(t.UpdatedAt))
	}
	query := `INSERT INTO ticket_tags (tag, ticket_id, updated_at) VALUES ` + joinComma(values) +
		` ON CONFLICT (tag, ticket_id) DO NOTHING`
	if _, err := q.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("insert tags: %w", translate(err))
	}
	return nil
}

// FindTicketByID returns the ticket numbered id, whoever may see it.
func (r queries) FindTicketByID(ctx context.Context, id int64) (*helpdesk.Ticket, error) {
	return findTicketByID(ctx, r.q, id)
}

// ListTickets returns the tickets matching f that f.Viewer may see.
func (r queries) ListTickets(ctx context.Context, f helpdesk.TicketFilter) ([]*helpdesk.Ticket, error) {
	return listTickets(ctx, r.q, f)
}

// CreateTicket stores t and its tags, and sets t.ID.
func (tx *Tx) CreateTicket(ctx context.Context, t *helpdesk.Ticket) error {
	return createTicket(ctx, tx.tx, t)
}

// UpdateTicket writes every mutable field of t, tags included.
func (tx *Tx) UpdateTicket(ctx context.Context, t *helpdesk.Ticket) error {
	return updateTicket(ctx, tx.tx, t)
}
