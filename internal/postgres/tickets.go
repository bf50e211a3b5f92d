package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const ticketColumns = `t.id, t.subject, t.status, t.priority, t.type, t.requester_id, t.assignee_id,
	t.team_id, t.tags, t.created_at, t.updated_at, t.solved_at, t.first_response_at`

// scanTicket reads one row of ticketColumns.
func scanTicket(row pgx.Row) (*helpdesk.Ticket, error) {
	var t helpdesk.Ticket
	err := row.Scan(&t.ID, &t.Subject, &t.Status, &t.Priority, &t.Type, &t.RequesterID, &t.AssigneeID,
		&t.TeamID, &t.Tags, &t.CreatedAt, &t.UpdatedAt, &t.SolvedAt, &t.FirstResponseAt)
	if err != nil {
		return nil, err
	}
	if t.Tags == nil {
		t.Tags = []string{}
	}
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	t.SolvedAt, t.FirstResponseAt = utcPtr(t.SolvedAt), utcPtr(t.FirstResponseAt)
	return &t, nil
}

// FindTicketByID returns the ticket with the given id, whoever may see it.
func (r reader) FindTicketByID(ctx context.Context, id int64) (*helpdesk.Ticket, error) {
	t, err := scanTicket(r.q.QueryRow(ctx, `SELECT `+ticketColumns+` FROM tickets t WHERE t.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find ticket %d: %w", id, rowError(err, "Ticket"))
	}
	return t, nil
}

// tagList returns tags as a non-nil slice: pgx sends a nil slice as NULL,
// which the NOT NULL tags column would refuse.
func tagList(tags []string) []string {
	if tags == nil {
		return []string{}
	}
	return tags
}

// CreateTicket stores t with its tags and sets its ID.
func (t *tx) CreateTicket(ctx context.Context, tk *helpdesk.Ticket) error {
	err := t.ptx.QueryRow(ctx, `
		INSERT INTO tickets (subject, status, priority, type, requester_id, assignee_id, team_id,
			tags, created_at, updated_at, solved_at, first_response_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		RETURNING id`,
		tk.Subject, string(tk.Status), string(tk.Priority), string(tk.Type), tk.RequesterID,
		tk.AssigneeID, tk.TeamID, tagList(tk.Tags), tk.CreatedAt, tk.UpdatedAt, tk.SolvedAt,
		tk.FirstResponseAt,
	).Scan(&tk.ID)
	if err != nil {
		return fmt.Errorf("create ticket: %w", translate(err))
	}
	if err := t.insertTags(ctx, tk.ID, tk.Tags); err != nil {
		return fmt.Errorf("create ticket %d: %w", tk.ID, err)
	}
	return nil
}

// UpdateTicket writes every mutable field of t, tags included.
func (t *tx) UpdateTicket(ctx context.Context, tk *helpdesk.Ticket) error {
	tag, err := t.ptx.Exec(ctx, `
		UPDATE tickets SET subject = $2, status = $3, priority = $4, type = $5, requester_id = $6,
			assignee_id = $7, team_id = $8, tags = $9, updated_at = $10, solved_at = $11,
			first_response_at = $12
		WHERE id = $1`,
		tk.ID, tk.Subject, string(tk.Status), string(tk.Priority), string(tk.Type), tk.RequesterID,
		tk.AssigneeID, tk.TeamID, tagList(tk.Tags), tk.UpdatedAt, tk.SolvedAt, tk.FirstResponseAt)
	if err != nil {
		return fmt.Errorf("update ticket %d: %w", tk.ID, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("update ticket %d: %w", tk.ID, notFound("Ticket"))
	}
	if err := t.writeTags(ctx, tk.ID, tk.Tags); err != nil {
		return fmt.Errorf("update ticket %d: %w", tk.ID, err)
	}
	return nil
}

// writeTags makes ticket_tags hold exactly tags for the ticket, touching
// only the rows that change.
func (t *tx) writeTags(ctx context.Context, ticketID int64, tags []string) error {
	_, err := t.ptx.Exec(ctx,
		`DELETE FROM ticket_tags WHERE ticket_id = $1 AND tag <> ALL($2)`, ticketID, tagList(tags))
	if err != nil {
		return fmt.Errorf("delete tags: %w", translate(err))
	}
	return t.insertTags(ctx, ticketID, tags)
}

// insertTags adds the ticket's tags that ticket_tags does not hold yet.
func (t *tx) insertTags(ctx context.Context, ticketID int64, tags []string) error {
	if len(tags) == 0 {
		return nil
	}
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO ticket_tags (ticket_id, tag) SELECT $1, unnest($2::text[])
		ON CONFLICT (tag, ticket_id) DO NOTHING`, ticketID, tags)
	if err != nil {
		return fmt.Errorf("insert tags: %w", translate(err))
	}
	return nil
}
