package service

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// RealtimeAuthorizer answers the live hub's questions from the store: who a
// connected user is now, and who may see a ticket.
func (s *Service) RealtimeAuthorizer() realtime.Authorizer { return realtimeAuth{s} }

type realtimeAuth struct{ s *Service }

// Viewer loads the user's current role and teams. A user who is gone or
// deactivated is EFORBIDDEN, which closes their sockets.
func (a realtimeAuth) Viewer(ctx context.Context, userID int64) (realtime.Viewer, error) {
	u, err := a.s.store.FindUserByID(ctx, userID)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return realtime.Viewer{}, helpdesk.Errorf(helpdesk.EFORBIDDEN, "This account may not connect.")
	} else if err != nil {
		return realtime.Viewer{}, fmt.Errorf("find user %d: %w", userID, err)
	}
	if !u.Active {
		return realtime.Viewer{}, helpdesk.Errorf(helpdesk.EFORBIDDEN, "This account may not connect.")
	}
	v := realtime.Viewer{UserID: u.ID, Role: u.Role}
	if u.Role == helpdesk.RoleAgent {
		if v.TeamIDs, err = a.s.store.ListUserTeamIDs(ctx, u.ID); err != nil {
			return realtime.Viewer{}, fmt.Errorf("list teams of user %d: %w", u.ID, err)
		}
	}
	return v, nil
}

// Ticket returns the visibility fields of a ticket.
func (a realtimeAuth) Ticket(ctx context.Context, id int64) (realtime.TicketRef, error) {
	t, err := a.s.store.FindTicketByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return realtime.TicketRef{}, ticketNotFound()
	} else if err != nil {
		return realtime.TicketRef{}, fmt.Errorf("find ticket %d: %w", id, err)
	}
	return realtime.RefOf(t), nil
}
