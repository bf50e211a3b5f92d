package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// UpdateTicket changes a ticket. Staff may change every field; a customer
// may only mark their own ticket solved or reopen it. Closed tickets stay
// closed for everyone but admins.
func (s *Service) UpdateTicket(ctx context.Context, p *helpdesk.Principal, id int64, u helpdesk.TicketUpdate) (*helpdesk.Ticket, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	if u.Empty() {
		return nil, helpdesk.Errorf(helpdesk.EINVALID, "Nothing to update.")
	}
	if err := validateTicketUpdate(&u); err != nil {
		return nil, err
	}
	return s.updateTicket(ctx, p, id, func(*helpdesk.Ticket) (helpdesk.TicketUpdate, error) { return u, nil })
}

// updateTicket is UpdateTicket once the update is validated. change gives
// the update to apply to the current ticket, inside the transaction, so a
// bulk tag edit works from the tags the ticket has at that moment.
func (s *Service) updateTicket(ctx context.Context, p *helpdesk.Principal, id int64,
	change func(*helpdesk.Ticket) (helpdesk.TicketUpdate, error)) (*helpdesk.Ticket, error) {
	var t, before *helpdesk.Ticket
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		before = nil
		if t, err = visibleTicket(ctx, tx, p, id); err != nil {
			return err
		}
		u, err := change(t)
		if err != nil {
			return err
		}
		if err := mayUpdateTicket(ctx, tx, p, t, u); err != nil {
			return err
		}
		now := s.clock()
		c := newChanges()
		was := *t
		applyTicketUpdate(c, t, u, now)
		if c.empty() {
			return nil
		}
		before = &was
		t.UpdatedAt = now
		if err := tx.UpdateTicket(ctx, t); err != nil {
			return fmt.Errorf("update ticket %d: %w", id, err)
		}
		if !sameID(was.AssigneeID, t.AssigneeID) || !sameID(was.TeamID, t.TeamID) {
			if err := tx.EnqueueJob(ctx, helpdesk.NotificationEvent{
				Event: helpdesk.EventTicketAssigned, TicketID: t.ID, ActorID: p.User.ID,
				AssigneeID: t.AssigneeID, TeamID: t.TeamID, PrevAssigneeID: was.AssigneeID, PrevTeamID: was.TeamID,
			}, nil); err != nil {
				return fmt.Errorf("enqueue notifications of ticket %d: %w", t.ID, err)
			}
		}
		return s.audit(ctx, tx, p, "ticket.update", "ticket", strconv.FormatInt(id, 10), c.before, c.after)
	})
	if err != nil {
		return nil, err
	}
	if before != nil {
		typ := realtime.TypeTicketUpdated
		if !sameID(before.AssigneeID, t.AssigneeID) || !sameID(before.TeamID, t.TeamID) {
			typ = realtime.TypeTicketAssigned
		}
		s.publish(ctx, ticketEvent(typ, t, before))
	}
	return t, nil
}

// validateTicketUpdate checks and normalizes the fields u sets.
func validateTicketUpdate(u *helpdesk.TicketUpdate) error {
	var v helpdesk.Validation
	if u.Subject != nil {
		subj := strings.TrimSpace(*u.Subject)
		u.Subject = &subj
		helpdesk.ValidateSubject(&v, "subject", subj)
	}
	if u.Status != nil {
		validateEnum(&v, "status", *u.Status, helpdesk.Statuses)
	}
	if u.Priority != nil {
		validateEnum(&v, "priority", *u.Priority, helpdesk.Priorities)
	}
	if u.Type != nil {
		validateEnum(&v, "type", *u.Type, helpdesk.TicketTypes)
	}
	if u.AssigneeID != nil && u.ClearAssignee {
		v.Add("assignee_id", "cannot be set and cleared at once")
	}
	if u.TeamID != nil && u.ClearTeam {
		v.Add("team_id", "cannot be set and cleared at once")
	}
	if u.Tags != nil {
		tags := helpdesk.NormalizeTags(&v, "tags", *u.Tags)
		u.Tags = &tags
	}
	return v.Err()
}

// mayUpdateTicket refuses what p may not do to the visible ticket t, and
// checks the users and team u points to.
func mayUpdateTicket(ctx context.Context, r helpdesk.Reader, p *helpdesk.Principal, t *helpdesk.Ticket, u helpdesk.TicketUpdate) error {
	reopens := u.Status != nil && *u.Status != helpdesk.StatusClosed
	if t.Status == helpdesk.StatusClosed && reopens && !isAdmin(p) {
		return closedIsFinal()
	}
	if !isStaff(p) {
		return customerMayUpdate(u)
	}
	var v helpdesk.Validation
	if err := checkTicketRefs(ctx, r, &v, 0, u.AssigneeID, u.TeamID); err != nil {
		return err
	}
	return v.Err()
}

// customerMayUpdate allows a customer only to mark solved or reopen.
func customerMayUpdate(u helpdesk.TicketUpdate) error {
	onlyStatus := helpdesk.TicketUpdate{Status: u.Status}
	if u != onlyStatus || (*u.Status != helpdesk.StatusSolved && *u.Status != helpdesk.StatusOpen) {
		return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Customers can only mark a ticket solved or reopen it.")
	}
	return nil
}

// closedIsFinal is the answer to reopening a closed ticket.
func closedIsFinal() error {
	return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Closed tickets cannot be reopened; open a new ticket.")
}

// applyTicketUpdate writes u into t, recording what really changed.
func applyTicketUpdate(c *changes, t *helpdesk.Ticket, u helpdesk.TicketUpdate, now time.Time) {
	if u.Subject != nil {
		setValue(c, "subject", &t.Subject, *u.Subject)
	}
	if u.Status != nil {
		setStatus(c, t, *u.Status, now)
	}
	if u.Priority != nil {
		setValue(c, "priority", &t.Priority, *u.Priority)
	}
	if u.Type != nil {
		setValue(c, "type", &t.Type, *u.Type)
	}
	if u.AssigneeID != nil || u.ClearAssignee {
		setOptional(c, "assignee_id", &t.AssigneeID, u.AssigneeID)
	}
	if u.TeamID != nil || u.ClearTeam {
		setOptional(c, "team_id", &t.TeamID, u.TeamID)
	}
	if u.Tags != nil {
		setSlice(c, "tags", &t.Tags, *u.Tags)
	}
}
