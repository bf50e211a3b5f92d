package storetest

import (
	"cmp"
	"slices"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

// testUsersByIDs checks the batched user lookup: whole rows, any order,
// missing ids absent, duplicates answered once.
func testUsersByIDs(t *testing.T, s helpdesk.Store) {
	w := seedUsers(t, s)
	byID := func(us []*helpdesk.User) []*helpdesk.User {
		out := slices.Clone(us)
		slices.SortFunc(out, func(a, b *helpdesk.User) int { return cmp.Compare(a.ID, b.ID) })
		return out
	}
	cases := []struct {
		name string
		ids  []int64
		want []*helpdesk.User
	}{
		{"None", nil, nil},
		{"Empty", []int64{}, nil},
		{"One", []int64{w.alice.ID}, []*helpdesk.User{w.alice}},
		{"SeveralOutOfOrder", []int64{w.kal.ID, w.admin.ID, w.agentOff.ID}, []*helpdesk.User{w.admin, w.agentOff, w.kal}},
		{"Missing", []int64{w.kal.ID + 1000, w.agent.ID, -1, 0}, []*helpdesk.User{w.agent}},
		{"OnlyMissing", []int64{w.kal.ID + 1000}, nil},
		{"Duplicates", []int64{w.alan.ID, w.alan.ID, w.alice.ID}, []*helpdesk.User{w.alice, w.alan}},
	}
	for _, c := range cases {
		got, err := s.ListUsersByIDs(t.Context(), c.ids)
		if err != nil {
			t.Errorf("ListUsersByIDs(%s): %v", c.name, err)
			continue
		}
		if got == nil {
			t.Errorf("ListUsersByIDs(%s): got nil, want a non-nil slice", c.name)
		}
		got = byID(got)
		want := byID(c.want)
		checkIDs(t, "ListUsersByIDs("+c.name+")", ids(got, userID), ids(want, userID))
		if len(got) == len(want) {
			for i := range got {
				// The stored rows, the deactivated user's flag included.
				fresh, err := s.FindUserByID(t.Context(), want[i].ID)
				must(t, "FindUserByID", err)
				checkEqual(t, "ListUsersByIDs("+c.name+")", got[i], fresh)
			}
		}
	}
}

// testUsersByIDsLimit checks the bound on one lookup: MaxUserIDs ids are
// answered, one more is refused as invalid.
func testUsersByIDsLimit(t *testing.T, s helpdesk.Store) {
	w := seedUsers(t, s)
	many := make([]int64, helpdesk.MaxUserIDs)
	for i := range many {
		many[i] = int64(i + 1)
	}
	got, err := s.ListUsersByIDs(t.Context(), many)
	must(t, "ListUsersByIDs(MaxUserIDs ids)", err)
	if len(got) != 6 {
		t.Errorf("ListUsersByIDs(1..%d): got %d users, want the 6 stored (ids up to %d)", helpdesk.MaxUserIDs, len(got), w.kal.ID)
	}
	_, err = s.ListUsersByIDs(t.Context(), append(many, w.kal.ID))
	wantCode(t, "ListUsersByIDs(MaxUserIDs+1 ids)", err, helpdesk.EINVALID)
}

// testUserListRoles checks the user list's several-roles filter, alone and
// with the other filters.
func testUserListRoles(t *testing.T, s helpdesk.Store) {
	w := seedUsers(t, s)
	desc := func(us ...*helpdesk.User) []int64 {
		out := ids(us, userID)
		slices.Reverse(out)
		return out
	}
	cases := []struct {
		name string
		f    helpdesk.UserFilter
		want []int64
	}{
		{"AgentAndAdmin", helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin}},
			desc(w.admin, w.agent, w.agentOff)},
		{"One", helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleCustomer}}, desc(w.alice, w.alan, w.kal)},
		{"AllThree", helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleCustomer, helpdesk.RoleAgent, helpdesk.RoleAdmin}},
			desc(w.admin, w.agent, w.agentOff, w.alice, w.alan, w.kal)},
		{"StaffActive", helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin}, Active: ptr(true)},
			desc(w.admin, w.agent)},
		{"StaffPaged", helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin}, AfterID: w.agentOff.ID},
			desc(w.admin, w.agent)},
	}
	for _, c := range cases {
		c.f.Limit = 100
		got, err := s.ListUsers(t.Context(), c.f)
		if err != nil {
			t.Errorf("ListUsers(%s): %v", c.name, err)
			continue
		}
		checkIDs(t, "ListUsers(Roles "+c.name+")", ids(got, userID), c.want)
	}
}
