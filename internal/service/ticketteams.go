package service

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// maxFilterTeams bounds TeamIDs in a ticket filter.
const maxFilterTeams = 100

// validateTeamFilter checks the team filters of f: at most one of them,
// and none for customers, for whom teams are internal triage metadata.
func validateTeamFilter(v *helpdesk.Validation, f *helpdesk.TicketFilter, p *helpdesk.Principal) {
	n := 0
	for _, set := range []bool{f.TeamID != nil, len(f.TeamIDs) > 0, f.NoTeam, f.MyTeams} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		return
	case !isStaff(p):
		v.Add("team", "customers cannot filter by team")
		return
	case n > 1:
		v.Add("team", "give one team filter: a team id, mine or none")
		return
	}
	if len(f.TeamIDs) > maxFilterTeams {
		v.Add("team", "must name at most %d teams", maxFilterTeams)
	}
	for _, id := range f.TeamIDs {
		if id <= 0 {
			v.Add("team", "must be positive team ids")
			return
		}
	}
}

// resolveMyTeams turns f.MyTeams into the ids of p's teams. It reports
// false when p belongs to no team, so the filter matches nothing: an empty
// TeamIDs would mean "any team" to a store.
func (s *Service) resolveMyTeams(ctx context.Context, p *helpdesk.Principal, f *helpdesk.TicketFilter) (bool, error) {
	if !f.MyTeams {
		return true, nil
	}
	f.MyTeams = false
	ids, err := s.store.ListUserTeamIDs(ctx, p.User.ID)
	if err != nil {
		return false, fmt.Errorf("list teams of user %d: %w", p.User.ID, err)
	}
	if len(ids) == 0 {
		return false, nil
	}
	f.TeamIDs = ids
	return true, nil
}
