package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

const commentColumns = `id, ticket_id, author_id, body, body_html, internal, created_at, edited_at`

func scanComment(s scanner) (*helpdesk.Comment, error) {
	var c helpdesk.Comment
	var created int64
	var edited sql.NullInt64
	err := s.Scan(&c.ID, &c.TicketID, &c.AuthorID, &c.Body, &c.BodyHTML, &c.Internal, &created, &edited)
	if err != nil {
		return nil, err
	}
	c.CreatedAt, c.EditedAt = fromMicros(created), fromNullMicros(edited)
	return &c, nil
}

func findCommentByID(ctx context.Context, q querier, id int64) (*helpdesk.Comment, error) {
	c, err := scanComment(q.QueryRowContext(ctx,
		`SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("find comment %d: %w", id, notFound(err, "Comment"))
	}
	return c, nil
}

func listComments(ctx context.Context, q querier, f helpdesk.CommentFilter) ([]*helpdesk.Comment, error) {
	var w where
	w.add("ticket_id = ?", f.TicketID)
	if !f.IncludeInternal {
		w.add("internal = 0")
	}
	if f.AfterID > 0 {
		w.add("id > ?", f.AfterID)
	}
	query := `SELECT ` + commentColumns + ` FROM comments` + w.String() + ` ORDER BY id LIMIT ?`
	rows, err := q.QueryContext(ctx, query, append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("list comments of ticket %d: %w", f.TicketID, err)
	}
	defer rows.Close()
	comments := []*helpdesk.Comment{}
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("list comments of ticket %d: %w", f.TicketID, err)
		}
		comments = append(comments, c)
	}
	return comments, rows.Err()
}

func listCommentRevisions(ctx context.Context, q querier, commentID int64) ([]*helpdesk.CommentRevision, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT id, comment_id, body, editor_id, created_at FROM comment_revisions
		WHERE comment_id = ? ORDER BY id`, commentID)
	if err != nil {
		return nil, fmt.Errorf("list revisions of comment %d: %w", commentID, err)
	}
	defer rows.Close()
	revs := []*helpdesk.CommentRevision{}
	for rows.Next() {
		var r helpdesk.CommentRevision
		var created int64
		if err := rows.Scan(&r.ID, &r.CommentID, &r.Body, &r.EditorID, &created); err != nil {
			return nil, fmt.Errorf("list revisions of comment %d: %w", commentID, err)
		}
		r.CreatedAt = fromMicros(created)
		revs = append(revs, &r)
	}
	return revs, rows.Err()
}

func createComment(ctx context.Context, q querier, c *helpdesk.Comment) error {
	res, err := q.ExecContext(ctx, `
		INSERT INTO comments (ticket_id, author_id, body, body_html, internal, created_at, edited_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.TicketID, c.AuthorID, c.Body, c.BodyHTML, boolInt(c.Internal), micros(c.CreatedAt),
		nullMicros(c.EditedAt))
	if err != nil {
		return fmt.Errorf("create comment: %w", translate(err))
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create comment: %w", err)
	}
	return nil
}

// updateComment writes the new body and keeps rev, the replaced one.
func updateComment(ctx context.Context, q querier, c *helpdesk.Comment, rev *helpdesk.CommentRevision) error {
	res, err := q.ExecContext(ctx,
		`UPDATE comments SET body = ?, body_html = ?, edited_at = ? WHERE id = ?`,
		c.Body, c.BodyHTML, nullMicros(c.EditedAt), c.ID)
	if err == nil {
		err = mustAffect(res, "Comment")
	}
	if err == nil && rev != nil {
		err = createRevision(ctx, q, c.ID, rev)
	}
	if err != nil {
		return fmt.Errorf("update comment %d: %w", c.ID, translate(err))
	}
	return nil
}

func createRevision(ctx context.Context, q querier, commentID int64, rev *helpdesk.CommentRevision) error {
	rev.CommentID = commentID
	res, err := q.ExecContext(ctx, `
		INSERT INTO comment_revisions (comment_id, body, editor_id, created_at) VALUES (?, ?, ?, ?)`,
		rev.CommentID, rev.Body, rev.EditorID, micros(rev.CreatedAt))
	if err != nil {
		return fmt.Errorf("store revision: %w", err)
	}
	rev.ID, err = res.LastInsertId()
	return err
}

// FindCommentByID returns the comment with id.
func (r queries) FindCommentByID(ctx context.Context, id int64) (*helpdesk.Comment, error) {
	return findCommentByID(ctx, r.q, id)
}

// ListComments returns a page of a ticket's comments, oldest first.
func (r queries) ListComments(ctx context.Context, f helpdesk.CommentFilter) ([]*helpdesk.Comment, error) {
	return listComments(ctx, r.q, f)
}

// ListCommentRevisions returns a comment's earlier bodies, oldest first.
func (r queries) ListCommentRevisions(ctx context.Context, commentID int64) ([]*helpdesk.CommentRevision, error) {
	return listCommentRevisions(ctx, r.q, commentID)
}

// CreateComment stores c and sets c.ID.
func (tx *Tx) CreateComment(ctx context.Context, c *helpdesk.Comment) error {
	return createComment(ctx, tx.tx, c)
}

// UpdateComment writes c's body, body_html and edited_at and stores rev.
func (tx *Tx) UpdateComment(ctx context.Context, c *helpdesk.Comment, rev *helpdesk.CommentRevision) error {
	return updateComment(ctx, tx.tx, c, rev)
}
