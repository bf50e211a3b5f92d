package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const commentColumns = `id, ticket_id, author_id, body, body_html, internal, created_at, edited_at`

// scanComment reads one row of commentColumns.
func scanComment(row pgx.Row) (*helpdesk.Comment, error) {
	var c helpdesk.Comment
	err := row.Scan(&c.ID, &c.TicketID, &c.AuthorID, &c.Body, &c.BodyHTML, &c.Internal,
		&c.CreatedAt, &c.EditedAt)
	if err != nil {
		return nil, err
	}
	c.CreatedAt, c.EditedAt = c.CreatedAt.UTC(), utcPtr(c.EditedAt)
	return &c, nil
}

// FindCommentByID returns the comment with the given id.
func (r reader) FindCommentByID(ctx context.Context, id int64) (*helpdesk.Comment, error) {
	c, err := scanComment(r.q.QueryRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("find comment %d: %w", id, rowError(err, "Comment"))
	}
	return c, nil
}

// ListComments returns a ticket's comments oldest first, after f.AfterID.
func (r reader) ListComments(ctx context.Context, f helpdesk.CommentFilter) ([]*helpdesk.Comment, error) {
	w := where{}
	w.add("ticket_id = %s", f.TicketID)
	if f.AfterID > 0 {
		w.add("id > %s", f.AfterID)
	}
	if !f.IncludeInternal {
		w.add("NOT internal")
	}
	sql := `SELECT ` + commentColumns + ` FROM comments` + w.sql() +
		` ORDER BY id LIMIT ` + w.arg(clampLimit(f.Limit))
	rows, err := r.q.Query(ctx, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list comments of ticket %d: %w", f.TicketID, err)
	}
	comments, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.Comment, error) { return scanComment(row) })
	if err != nil {
		return nil, fmt.Errorf("list comments of ticket %d: %w", f.TicketID, err)
	}
	return comments, nil
}

// ListCommentRevisions returns a comment's earlier bodies, oldest first.
func (r reader) ListCommentRevisions(ctx context.Context, commentID int64) ([]*helpdesk.CommentRevision, error) {
	rows, err := r.q.Query(ctx, `
		SELECT id, comment_id, body, editor_id, created_at FROM comment_revisions
		WHERE comment_id = $1 ORDER BY id`, commentID)
	if err != nil {
		return nil, fmt.Errorf("list revisions of comment %d: %w", commentID, err)
	}
	revs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.CommentRevision, error) {
		var v helpdesk.CommentRevision
		if err := row.Scan(&v.ID, &v.CommentID, &v.Body, &v.EditorID, &v.CreatedAt); err != nil {
			return nil, err
		}
		v.CreatedAt = v.CreatedAt.UTC()
		return &v, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list revisions of comment %d: %w", commentID, err)
	}
	return revs, nil
}

// CreateComment stores c and sets its ID.
func (t *tx) CreateComment(ctx context.Context, c *helpdesk.Comment) error {
	err := t.ptx.QueryRow(ctx, `
		INSERT INTO comments (ticket_id, author_id, body, body_html, internal, created_at, edited_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.TicketID, c.AuthorID, c.Body, c.BodyHTML, c.Internal, c.CreatedAt, c.EditedAt,
	).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("create comment: %w", translate(err))
	}
	return nil
}

// UpdateComment writes c's body, body_html and edited_at, and keeps the
// replaced body as rev.
func (t *tx) UpdateComment(ctx context.Context, c *helpdesk.Comment, rev *helpdesk.CommentRevision) error {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE comments SET body = $2, body_html = $3, edited_at = $4 WHERE id = $1`,
		c.ID, c.Body, c.BodyHTML, c.EditedAt)
	if err != nil {
		return fmt.Errorf("update comment %d: %w", c.ID, translate(err))
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("update comment %d: %w", c.ID, notFound("Comment"))
	}
	rev.CommentID = c.ID
	err = t.ptx.QueryRow(ctx, `
		INSERT INTO comment_revisions (comment_id, body, editor_id, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`,
		rev.CommentID, rev.Body, rev.EditorID, rev.CreatedAt,
	).Scan(&rev.ID)
	if err != nil {
		return fmt.Errorf("store revision of comment %d: %w", c.ID, translate(err))
	}
	return nil
}
