package service

import (
	"context"
	"fmt"
	"slices"

	"github.com/triagehq/triage/internal/helpdesk"
)

// UserSummaries returns the users with these ids, by id, for the HTTP
// layer to show people next to tickets and comments: requesters, assignees
// and authors. It checks no permission of its own, so callers must pass
// only ids read from objects the caller was already allowed to see; what
// they then show of each user (never more than id, name, role, and email
// to staff) is theirs to limit. Ids with no user are absent from the map.
func (s *Service) UserSummaries(ctx context.Context, p *helpdesk.Principal, ids []int64) (map[int64]*helpdesk.User, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	wanted := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id > 0 {
			wanted = append(wanted, id)
		}
	}
	slices.Sort(wanted)
	wanted = slices.Compact(wanted)
	out := make(map[int64]*helpdesk.User, len(wanted))
	for chunk := range slices.Chunk(wanted, helpdesk.MaxUserIDs) {
		users, err := s.store.ListUsersByIDs(ctx, chunk)
		if err != nil {
			return nil, fmt.Errorf("look up users: %w", err)
		}
		for _, u := range users {
			out[u.ID] = u
		}
	}
	return out, nil
}
