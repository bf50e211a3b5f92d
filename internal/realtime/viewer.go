package realtime

import (
	"context"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Viewer is a connected user's current scope: their role and, for agents,
// their teams. The hub caches it per connection and replaces it on
// RescopeUser, so authorizing an event costs no database query.
type Viewer struct {
	UserID  int64
	Role    helpdesk.Role
	TeamIDs []int64
}

// CanSee applies the one visibility rule (helpdesk.Viewer.CanSee, which
// the service also calls) to a ticket's visibility fields with the
// connection's cached teams, so authorizing an event costs no query.
func (v *Viewer) CanSee(t TicketRef) bool {
	hv := helpdesk.Viewer{UserID: v.UserID, Role: v.Role}
	return hv.CanSee(t.RequesterID, t.TeamID, t.AssigneeID, v.TeamIDs)
}

// frameFor returns what v receives for f, or nil for nothing. This is the
// one place an event is authorized for a recipient.
func (v *Viewer) frameFor(f *frames) []byte {
	e := f.ev
	if e.UserID != 0 && e.UserID != v.UserID {
		return nil
	}
	if e.Ticket.ID != 0 && !v.CanSee(e.Ticket) {
		if e.Before != nil && v.CanSee(*e.Before) {
			return f.hidden
		}
		return nil
	}
	switch {
	case v.Role.Staff():
		return f.staff
	case v.Role == helpdesk.RoleCustomer:
		return f.public // nil for internal events and events with no public payload
	default:
		return nil
	}
}

// Authorizer answers the questions the hub cannot answer from an event
// alone. The service implements it over the store.
type Authorizer interface {
	// Viewer loads the current role and team ids of user id. An error with
	// code ENOTFOUND or EFORBIDDEN means the user may no longer be
	// connected (deleted or deactivated); their sockets are closed.
	Viewer(ctx context.Context, userID int64) (Viewer, error)
	// Ticket returns the visibility fields of ticket id, or an ENOTFOUND
	// error. Presence messages use it to check the sender may see the
	// ticket and to address the presence event.
	Ticket(ctx context.Context, id int64) (TicketRef, error)
}
