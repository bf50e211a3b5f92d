package service

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// requireUser refuses a call without an authenticated user. The HTTP layer
// never passes nil, so this only guards against wiring mistakes.
func requireUser(p *helpdesk.Principal) error {
	if p == nil || p.User == nil {
		return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
	}
	return nil
}

// requireStaff lets agents and admins through.
func requireStaff(p *helpdesk.Principal) error {
	if err := requireUser(p); err != nil {
		return err
	}
	if !p.User.Role.Staff() {
		return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only agents and admins can do this.")
	}
	return nil
}

// requireAdmin lets admins through.
func requireAdmin(p *helpdesk.Principal) error {
	if err := requireUser(p); err != nil {
		return err
	}
	if p.User.Role != helpdesk.RoleAdmin {
		return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only admins can do this.")
	}
	return nil
}

// isStaff reports whether p works tickets.
func isStaff(p *helpdesk.Principal) bool { return p.User.Role.Staff() }

// isAdmin reports whether p is an admin.
func isAdmin(p *helpdesk.Principal) bool { return p.User.Role == helpdesk.RoleAdmin }

// canSeeTicket is the single-ticket form of the visibility rule the stores
// apply to lists (see helpdesk.Viewer); the two must never disagree, or a
// ticket could be listed but not opened, or opened but never listed.
// teamIDs are the viewer's teams; only agents need them.
func canSeeTicket(v helpdesk.Viewer, t *helpdesk.Ticket, teamIDs []int64) bool {
	return v.CanSee(t.RequesterID, t.TeamID, t.AssigneeID, teamIDs)
}

// ticketNotFound is the answer for a ticket that is missing or not visible
// to the caller; the two must be indistinguishable.
func ticketNotFound() error {
	return helpdesk.Errorf(helpdesk.ENOTFOUND, "Ticket not found.")
}

// visibleTicket loads ticket id through r and checks p may see it.
func visibleTicket(ctx context.Context, r helpdesk.Reader, p *helpdesk.Principal, id int64) (*helpdesk.Ticket, error) {
	t, err := r.FindTicketByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, ticketNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find ticket %d: %w", id, err)
	}
	var teamIDs []int64
	if p.User.Role == helpdesk.RoleAgent && t.TeamID != nil {
		if teamIDs, err = r.ListUserTeamIDs(ctx, p.User.ID); err != nil {
			return nil, fmt.Errorf("list teams of user %d: %w", p.User.ID, err)
		}
	}
	if !canSeeTicket(p.Viewer(), t, teamIDs) {
		return nil, ticketNotFound()
	}
	return t, nil
}
