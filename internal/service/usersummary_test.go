package service_test

import (
	"context"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

func TestUserSummaries(t *testing.T) {
	svc, _, f := newTestService(t)
	ctx := context.Background()
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	got, err := svc.UserSummaries(ctx, cust, []int64{agent.User.ID, admin.User.ID, agent.User.ID, 0, -3, 999999})
	must(t, "UserSummaries", err)
	if len(got) != 2 || got[agent.User.ID].Name != "Al" || got[admin.User.ID].Name != "Ada" {
		t.Errorf("got %v", got)
	}
	got, err = svc.UserSummaries(ctx, cust, nil)
	must(t, "UserSummaries(none)", err)
	if got == nil || len(got) != 0 {
		t.Errorf("no ids: got %#v, want an empty map", got)
	}
	// More ids than one store lookup takes are looked up in chunks.
	many := make([]int64, helpdesk.MaxUserIDs+5)
	for i := range many {
		many[i] = int64(i + 1)
	}
	got, err = svc.UserSummaries(ctx, agent, many)
	must(t, "UserSummaries(many)", err)
	if len(got) != 3 || got[cust.User.ID] == nil {
		t.Errorf("many ids: got %d users", len(got))
	}
	_, err = svc.UserSummaries(ctx, nil, []int64{1})
	wantCode(t, err, helpdesk.EUNAUTHORIZED)
}

func TestListUsers_Roles(t *testing.T) {
	svc, _, f := newTestService(t)
	ctx := context.Background()
	admin, agent := f.admin("Ada"), f.agent("Al")
	f.customer("Ann")
	users, _, err := svc.ListUsers(ctx, agent, helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin}})
	must(t, "ListUsers(agent,admin)", err)
	if len(users) != 2 || users[0].ID != agent.User.ID || users[1].ID != admin.User.ID {
		t.Errorf("got %v", users)
	}
	_, _, err = svc.ListUsers(ctx, agent, helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, "boss"}})
	wantFields(t, err, "role")
}
