package service

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// NewTicket is what a caller gives to open a ticket. Zero values take the
// defaults: normal priority, a question, status new, the caller as the
// requester. Customers may set only Subject, Body and Type.
type NewTicket struct {
	Subject     string
	Body        string
	Priority    helpdesk.Priority
	Type        helpdesk.TicketType
	Status      helpdesk.Status
	RequesterID *int64
	AssigneeID  *int64
	TeamID      *int64
	Tags        []string
}

// CreateTicket opens a ticket whose first public comment is the body.
func (s *Service) CreateTicket(ctx context.Context, p *helpdesk.Principal, in NewTicket) (*helpdesk.Ticket, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	now := s.clock()
	t, err := newTicketFrom(p, in, now)
	if err != nil {
		return nil, err
	}
	c := &helpdesk.Comment{AuthorID: p.User.ID, Body: in.Body, BodyHTML: s.render(in.Body), CreatedAt: now}
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var v helpdesk.Validation
		if err := checkTicketRefs(ctx, tx, &v, t.RequesterID, t.AssigneeID, t.TeamID); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.CreateTicket(ctx, t); err != nil {
			return fmt.Errorf("create ticket: %w", err)
		}
		c.TicketID = t.ID
		if err := tx.CreateComment(ctx, c); err != nil {
			return fmt.Errorf("create first comment of ticket %d: %w", t.ID, err)
		}
		if err := tx.EnqueueJob(ctx, helpdesk.NotificationEvent{
			Event: helpdesk.EventTicketCreated, TicketID: t.ID, ActorID: p.User.ID, CommentID: c.ID,
			AssigneeID: t.AssigneeID, TeamID: t.TeamID,
		}, nil); err != nil {
			return fmt.Errorf("enqueue notifications of ticket %d: %w", t.ID, err)
		}
		after := ticketAuditState(t)
		after["comment_id"] = c.ID
		return s.audit(ctx, tx, p, "ticket.create", "ticket", strconv.FormatInt(t.ID, 10), nil, after)
	})
	if err != nil {
		return nil, err
	}
	s.publish(ctx, ticketEvent(realtime.TypeTicketCreated, t, nil))
	return t, nil
}

// newTicketFrom validates in for p and builds the ticket to store.
func newTicketFrom(p *helpdesk.Principal, in NewTicket, now time.Time) (*helpdesk.Ticket, error) {
	var v helpdesk.Validation
	t := &helpdesk.Ticket{
		Subject:     strings.TrimSpace(in.Subject),
		Status:      orDefaultEnum(in.Status, helpdesk.StatusNew),
		Priority:    orDefaultEnum(in.Priority, helpdesk.PriorityNormal),
		Type:        orDefaultEnum(in.Type, helpdesk.TypeQuestion),
		RequesterID: p.User.ID,
		AssigneeID:  in.AssigneeID,
		TeamID:      in.TeamID,
		Tags:        []string{},
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	helpdesk.ValidateSubject(&v, "subject", t.Subject)
	helpdesk.ValidateBody(&v, "body", in.Body)
	validateEnum(&v, "type", t.Type, helpdesk.TicketTypes)
	if !isStaff(p) {
		refuseCustomerFields(&v, in)
		return t, v.Err()
	}
	validateEnum(&v, "status", t.Status, helpdesk.Statuses)
	validateEnum(&v, "priority", t.Priority, helpdesk.Priorities)
	if in.RequesterID != nil {
		t.RequesterID = *in.RequesterID
	}
	if tags := helpdesk.NormalizeTags(&v, "tags", in.Tags); tags != nil {
		t.Tags = tags
	}
	// A ticket opened as solved or closed (say, a phone call already dealt
	// with) counts as solved now.
	if t.Status == helpdesk.StatusSolved || t.Status == helpdesk.StatusClosed {
		t.SolvedAt = &now
	}
	return t, v.Err()
}

// refuseCustomerFields names every field of in only staff may set.
func refuseCustomerFields(v *helpdesk.Validation, in NewTicket) {
	const msg = "only agents can set this"
	if in.Priority != "" {
		v.Add("priority", msg)
	}
	if in.Status != "" {
		v.Add("status", msg)
	}
	if in.RequesterID != nil {
		v.Add("requester_id", msg)
	}
	if in.AssigneeID != nil {
		v.Add("assignee_id", msg)
	}
	if in.TeamID != nil {
		v.Add("team_id", msg)
	}
	if len(in.Tags) > 0 {
		v.Add("tags", msg)
	}
}

// checkTicketRefs adds a problem to v for each id a ticket would point to
// that does not fit: ids in a payload are input, so a bad one is invalid
// input, not a missing resource. requesterID 0 and nil pointers are skipped.
func checkTicketRefs(ctx context.Context, r helpdesk.Reader, v *helpdesk.Validation, requesterID int64, assigneeID, teamID *int64) error {
	if requesterID != 0 {
		u, err := findRef(ctx, r, v, "requester_id", requesterID)
		if err != nil {
			return err
		}
		if u != nil && !u.Active {
			v.Add("requester_id", "must be an active user")
		}
	}
	if assigneeID != nil {
		u, err := findRef(ctx, r, v, "assignee_id", *assigneeID)
		if err != nil {
			return err
		}
		if u != nil && (!u.Active || !u.Role.Staff()) {
			v.Add("assignee_id", "must be an active agent or admin")
		}
	}
	if teamID != nil {
		_, err := r.FindTeamByID(ctx, *teamID)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			v.Add("team_id", "does not exist")
		} else if err != nil {
			return fmt.Errorf("find team %d: %w", *teamID, err)
		}
	}
	return nil
}

// findRef loads the user a payload field names; a missing one is added to
// v and returned as nil.
func findRef(ctx context.Context, r helpdesk.Reader, v *helpdesk.Validation, field string, id int64) (*helpdesk.User, error) {
	u, err := r.FindUserByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		v.Add(field, "does not exist")
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}

// ticketAuditState is what the audit log keeps of a new ticket.
func ticketAuditState(t *helpdesk.Ticket) map[string]any {
	return map[string]any{
		"id": t.ID, "subject": t.Subject, "status": t.Status, "priority": t.Priority,
		"type": t.Type, "requester_id": t.RequesterID, "assignee_id": t.AssigneeID,
		"team_id": t.TeamID, "tags": t.Tags,
	}
}

// GetTicket returns a ticket the caller may see; any other is not found.
func (s *Service) GetTicket(ctx context.Context, p *helpdesk.Principal, id int64) (*helpdesk.Ticket, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	return visibleTicket(ctx, s.store, p, id)
}

// orDefaultEnum returns v, or def when v is empty.
func orDefaultEnum[T ~string](v, def T) T {
	if v == "" {
		return def
	}
	return v
}

// validateEnum adds a problem to v if val is not one of all.
func validateEnum[T ~string](v *helpdesk.Validation, field string, val T, all []T) {
	if !slices.Contains(all, val) {
		v.Add(field, "must be one of %s", enumList(all))
	}
}

// enumList joins allowed values for an error message.
func enumList[T ~string](all []T) string {
	s := make([]string, len(all))
	for i, a := range all {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}

// setStatus moves t to st at now, keeping solved_at true to the status:
// set when a ticket becomes solved (or closed without having been solved),
// cleared when it is reopened.
func setStatus(c *changes, t *helpdesk.Ticket, st helpdesk.Status, now time.Time) {
	if t.Status == st {
		return
	}
	setValue(c, "status", &t.Status, st)
	switch {
	case st == helpdesk.StatusSolved:
		setOptional(c, "solved_at", &t.SolvedAt, &now)
	case st == helpdesk.StatusClosed && t.SolvedAt == nil:
		setOptional(c, "solved_at", &t.SolvedAt, &now)
	case st != helpdesk.StatusClosed:
		setOptional(c, "solved_at", &t.SolvedAt, nil)
	}
}
