package helpdesk

import "slices"

// CanSee applies the visibility rule documented on Viewer to one ticket,
// given by its visibility fields; teamIDs are the viewer's teams (only
// agents need them). The stores apply the same rule in SQL for lists, and
// the conformance and authorization tests keep the two in step. This is the
// one copy in Go: the service and the realtime hub both call it.
func (v Viewer) CanSee(requesterID int64, teamID, assigneeID *int64, teamIDs []int64) bool {
	switch v.Role {
	case RoleAdmin:
		return true
	case RoleAgent:
		return teamID == nil ||
			(assigneeID != nil && *assigneeID == v.UserID) ||
			slices.Contains(teamIDs, *teamID)
	case RoleCustomer:
		return requesterID == v.UserID
	default:
		return false
	}
}
