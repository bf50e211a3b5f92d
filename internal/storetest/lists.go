package storetest

import (
	"reflect"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

func listTests() []test {
	return []test{
		{"Lists/EmptyStoreReturnsNonNil", testListsEmpty},
	}
}

// testListsEmpty checks every list on an empty store: no error, and an
// empty but non-nil slice, so JSON encodes [] rather than null.
func testListsEmpty(t *testing.T, s helpdesk.Store) {
	ctx := t.Context()
	admin := helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}
	check := func(name string, list any, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s on an empty store: %v", name, err)
			return
		}
		v := reflect.ValueOf(list)
		if v.IsNil() || v.Len() != 0 {
			t.Errorf("%s on an empty store: got %#v, want an empty non-nil slice", name, list)
		}
	}
	users, err := s.ListUsers(ctx, helpdesk.UserFilter{Limit: 10})
	check("ListUsers", users, err)
	byIDs, err := s.ListUsersByIDs(ctx, []int64{1, 2})
	check("ListUsersByIDs", byIDs, err)
	teams, err := s.ListTeams(ctx)
	check("ListTeams", teams, err)
	members, err := s.ListTeamMembers(ctx, 1)
	check("ListTeamMembers", members, err)
	teamIDs, err := s.ListUserTeamIDs(ctx, 1)
	check("ListUserTeamIDs", teamIDs, err)
	tickets, err := s.ListTickets(ctx, helpdesk.TicketFilter{Viewer: admin, Sort: helpdesk.SortUpdatedDesc, Limit: 10})
	check("ListTickets", tickets, err)
	if n, err := s.CountTickets(ctx, helpdesk.TicketFilter{Viewer: admin}, 10); err != nil || n != 0 {
		t.Errorf("CountTickets on an empty store: got %d, %v; want 0, nil", n, err)
	}
	comments, err := s.ListComments(ctx, helpdesk.CommentFilter{TicketID: 1, IncludeInternal: true, Limit: 10})
	check("ListComments", comments, err)
	revs, err := s.ListCommentRevisions(ctx, 1)
	check("ListCommentRevisions", revs, err)
	sessions, err := s.ListSessions(ctx, 1, base)
	check("ListSessions", sessions, err)
	tokens, err := s.ListAPITokens(ctx, 1)
	check("ListAPITokens", tokens, err)
	audit, err := s.ListAudit(ctx, helpdesk.AuditFilter{Limit: 10})
	check("ListAudit", audit, err)
}
