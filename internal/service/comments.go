package service

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// defaultCommentLimit is the comment list's page size when none is asked:
// most conversations fit in one page.
const defaultCommentLimit = 100

// ListComments returns a ticket's comments oldest first, and the AfterID
// that continues the list (0 on the last page). Customers never get
// internal notes.
func (s *Service) ListComments(ctx context.Context, p *helpdesk.Principal, ticketID, afterID int64, limit int) ([]*helpdesk.Comment, int64, error) {
	if err := requireUser(p); err != nil {
		return nil, 0, err
	}
	var v helpdesk.Validation
	limit = pageLimit(&v, limit, defaultCommentLimit)
	if afterID < 0 {
		v.Add("cursor", "must not be negative")
	}
	if err := v.Err(); err != nil {
		return nil, 0, err
	}
	if _, err := visibleTicket(ctx, s.store, p, ticketID); err != nil {
		return nil, 0, err
	}
	comments, err := s.store.ListComments(ctx, helpdesk.CommentFilter{
		TicketID: ticketID, IncludeInternal: isStaff(p), AfterID: afterID, Limit: limit + 1,
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list comments of ticket %d: %w", ticketID, err)
	}
	var next int64
	if len(comments) > limit {
		comments = comments[:limit]
		next = comments[limit-1].ID
	}
	return comments, next, nil
}

// AddComment adds a reply or, for staff, an internal note, and moves the
// ticket along: a customer's reply reopens a pending or solved ticket, and
// a staff member's first public reply is the first response.
func (s *Service) AddComment(ctx context.Context, p *helpdesk.Principal, ticketID int64, body string, internal bool) (*helpdesk.Comment, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	var v helpdesk.Validation
	helpdesk.ValidateBody(&v, "body", body)
	if internal && !isStaff(p) {
		v.Add("internal", "customers cannot post internal notes")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	now := s.clock()
	c := &helpdesk.Comment{
		TicketID: ticketID, AuthorID: p.User.ID, Body: body, BodyHTML: s.render(body),
		Internal: internal, CreatedAt: now,
	}
	var t *helpdesk.Ticket
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		t, err = visibleTicket(ctx, tx, p, ticketID)
		if err != nil {
			return err
		}
		if t.Status == helpdesk.StatusClosed && !isStaff(p) {
			return closedIsFinal()
		}
		if err := tx.CreateComment(ctx, c); err != nil {
			return fmt.Errorf("create comment on ticket %d: %w", ticketID, err)
		}
		if err := s.audit(ctx, tx, p, "comment.create", "comment", strconv.FormatInt(c.ID, 10), nil,
			map[string]any{"id": c.ID, "ticket_id": ticketID, "internal": internal}); err != nil {
			return err
		}
		if err := tx.EnqueueJob(ctx, helpdesk.NotificationEvent{
			Event: helpdesk.EventCommentCreated, TicketID: t.ID, ActorID: p.User.ID, CommentID: c.ID,
			AssigneeID: t.AssigneeID, TeamID: t.TeamID,
		}, nil); err != nil {
			return fmt.Errorf("enqueue notifications of comment %d: %w", c.ID, err)
		}
		return s.touchTicketForComment(ctx, tx, p, t, c, now)
	})
	if err != nil {
		return nil, err
	}
	// The ticket moved up the lists; after an internal note only staff
	// learn even that.
	te := ticketEvent(realtime.TypeTicketUpdated, t, nil)
	if c.Internal {
		te.Internal, te.PublicPayload = true, nil
	}
	s.publish(ctx, commentEvent(t, c), te)
	return c, nil
}

// touchTicketForComment bumps the ticket's updated_at and applies the
// status and first-response rules of a new comment. A status change is
// audited as a ticket update of its own.
func (s *Service) touchTicketForComment(ctx context.Context, tx helpdesk.Tx, p *helpdesk.Principal, t *helpdesk.Ticket, c *helpdesk.Comment, now time.Time) error {
	ch := newChanges()
	switch {
	case !isStaff(p) && (t.Status == helpdesk.StatusPending || t.Status == helpdesk.StatusSolved):
		setStatus(ch, t, helpdesk.StatusOpen, now)
	case isStaff(p) && !c.Internal && t.Status == helpdesk.StatusNew:
		setStatus(ch, t, helpdesk.StatusOpen, now)
	}
	if isStaff(p) && !c.Internal && t.FirstResponseAt == nil {
		t.FirstResponseAt = &now
	}
	t.UpdatedAt = now
	if err := tx.UpdateTicket(ctx, t); err != nil {
		return fmt.Errorf("update ticket %d: %w", t.ID, err)
	}
	if ch.empty() {
		return nil
	}
	return s.audit(ctx, tx, p, "ticket.update", "ticket", strconv.FormatInt(t.ID, 10), ch.before, ch.after)
}

// commentNotFound is the answer for a comment that is missing, on another
// ticket, or an internal note asked for by a customer.
func commentNotFound() error { return helpdesk.Errorf(helpdesk.ENOTFOUND, "Comment not found.") }

// visibleComment loads a comment of a visible ticket that p may see.
func visibleComment(ctx context.Context, r helpdesk.Reader, p *helpdesk.Principal, ticketID, commentID int64) (*helpdesk.Ticket, *helpdesk.Comment, error) {
	t, err := visibleTicket(ctx, r, p, ticketID)
	if err != nil {
		return nil, nil, err
	}
	c, err := r.FindCommentByID(ctx, commentID)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, nil, commentNotFound()
	} else if err != nil {
		return nil, nil, fmt.Errorf("find comment %d: %w", commentID, err)
	}
	if c.TicketID != ticketID || (c.Internal && !isStaff(p)) {
		return nil, nil, commentNotFound()
	}
	return t, c, nil
}

// EditComment replaces a comment's body, keeping the old one as a
// revision. Only its author or an admin may edit it.
func (s *Service) EditComment(ctx context.Context, p *helpdesk.Principal, ticketID, commentID int64, body string) (*helpdesk.Comment, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	var v helpdesk.Validation
	helpdesk.ValidateBody(&v, "body", body)
	if err := v.Err(); err != nil {
		return nil, err
	}
	html := s.render(body)
	var c *helpdesk.Comment
	var t *helpdesk.Ticket
	changed := false
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		changed = false
		if t, c, err = visibleComment(ctx, tx, p, ticketID, commentID); err != nil {
			return err
		}
		if c.AuthorID != p.User.ID && !isAdmin(p) {
			return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only the author can edit this comment.")
		}
		if c.Body == body {
			return nil
		}
		changed = true
		return s.replaceBody(ctx, tx, p, t, c, body, html)
	})
	if err != nil {
		return nil, err
	}
	if changed {
		e := commentEvent(t, c)
		e.Type = realtime.TypeCommentUpdated
		s.publish(ctx, e)
	}
	return c, nil
}

// replaceBody stores c's new body with a revision of the old one, bumps the
// ticket and audits the edit.
func (s *Service) replaceBody(ctx context.Context, tx helpdesk.Tx, p *helpdesk.Principal, t *helpdesk.Ticket, c *helpdesk.Comment, body, html string) error {
	now := s.clock()
	rev := &helpdesk.CommentRevision{CommentID: c.ID, Body: c.Body, EditorID: p.User.ID, CreatedAt: now}
	c.Body, c.BodyHTML, c.EditedAt = body, html, &now
	if err := tx.UpdateComment(ctx, c, rev); err != nil {
		return fmt.Errorf("update comment %d: %w", c.ID, err)
	}
	t.UpdatedAt = now
	if err := tx.UpdateTicket(ctx, t); err != nil {
		return fmt.Errorf("update ticket %d: %w", t.ID, err)
	}
	// The old body is in the revision; the audit entry points to it rather
	// than copying it.
	return s.audit(ctx, tx, p, "comment.edit", "comment", strconv.FormatInt(c.ID, 10), nil,
		map[string]any{"id": c.ID, "ticket_id": t.ID, "revision_id": rev.ID})
}

// ListCommentRevisions returns a comment's earlier bodies, oldest first.
// Staff only.
func (s *Service) ListCommentRevisions(ctx context.Context, p *helpdesk.Principal, ticketID, commentID int64) ([]*helpdesk.CommentRevision, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	if _, _, err := visibleComment(ctx, s.store, p, ticketID, commentID); err != nil {
		return nil, err
	}
	revs, err := s.store.ListCommentRevisions(ctx, commentID)
	if err != nil {
		return nil, fmt.Errorf("list revisions of comment %d: %w", commentID, err)
	}
	return revs, nil
}
