package service_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestTeams_Permissions(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	tm := f.team(admin, "Billing", agent)

	t.Run("StaffRead", func(t *testing.T) {
		for _, p := range []*helpdesk.Principal{admin, agent} {
			if teams, err := svc.ListTeams(ctx, p); err != nil || len(teams) != 1 {
				t.Errorf("ListTeams as %s: %v, %v", p.User.Role, teams, err)
			}
			if got, err := svc.GetTeam(ctx, p, tm.ID); err != nil || got.Name != "Billing" {
				t.Errorf("GetTeam as %s: %v, %v", p.User.Role, got, err)
			}
			if m, err := svc.ListTeamMembers(ctx, p, tm.ID); err != nil || len(m) != 1 || m[0].ID != agent.User.ID {
				t.Errorf("ListTeamMembers as %s: %v, %v", p.User.Role, m, err)
			}
		}
	})
	t.Run("CustomerForbidden", func(t *testing.T) {
		_, err := svc.ListTeams(ctx, cust)
		wantCode(t, err, helpdesk.EFORBIDDEN)
		_, err = svc.GetTeam(ctx, cust, tm.ID)
		wantCode(t, err, helpdesk.EFORBIDDEN)
		_, err = svc.ListTeamMembers(ctx, cust, tm.ID)
		wantCode(t, err, helpdesk.EFORBIDDEN)
	})
	t.Run("AgentCannotWrite", func(t *testing.T) {
		n := f.auditCount()
		_, err := svc.CreateTeam(ctx, agent, helpdesk.Team{Name: "Ops"})
		wantCode(t, err, helpdesk.EFORBIDDEN)
		_, err = svc.UpdateTeam(ctx, agent, tm.ID, helpdesk.TeamUpdate{Name: ptr("X")})
		wantCode(t, err, helpdesk.EFORBIDDEN)
		wantCode(t, svc.DeleteTeam(ctx, agent, tm.ID), helpdesk.EFORBIDDEN)
		wantCode(t, svc.AddTeamMember(ctx, agent, tm.ID, agent.User.ID), helpdesk.EFORBIDDEN)
		wantCode(t, svc.RemoveTeamMember(ctx, agent, tm.ID, agent.User.ID), helpdesk.EFORBIDDEN)
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries: got %d, want %d", got, n)
		}
	})
}

func TestTeams_Write(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")

	tm, err := svc.CreateTeam(ctx, admin, helpdesk.Team{Name: " Support ", Description: "Front line"})
	must(t, "CreateTeam", err)
	if tm.Name != "Support" || tm.ID == 0 {
		t.Fatalf("got %+v", tm)
	}
	if e := f.audit("team.create"); len(e) != 1 || e[0].TargetID != strconv.FormatInt(tm.ID, 10) {
		t.Errorf("team.create audit %+v", e)
	}
	_, err = svc.CreateTeam(ctx, admin, helpdesk.Team{Name: "SUPPORT"})
	wantCode(t, err, helpdesk.ECONFLICT)
	_, err = svc.CreateTeam(ctx, admin, helpdesk.Team{Name: ""})
	wantFields(t, err, "name")

	tm, err = svc.UpdateTeam(ctx, admin, tm.ID, helpdesk.TeamUpdate{Name: ptr("Support"), Description: ptr("Everything")})
	must(t, "UpdateTeam", err)
	e := f.audit("team.update")[0]
	if a := decodeAudit(t, e.After); len(a) != 1 || a["description"] != "Everything" {
		t.Errorf("team.update after %v, want only the description", a)
	}
	_, err = svc.UpdateTeam(ctx, admin, 999, helpdesk.TeamUpdate{Name: ptr("X")})
	wantCode(t, err, helpdesk.ENOTFOUND)
	_, err = svc.UpdateTeam(ctx, admin, tm.ID, helpdesk.TeamUpdate{})
	wantCode(t, err, helpdesk.EINVALID)

	t.Run("Members", func(t *testing.T) {
		n := f.auditCount()
		err := svc.AddTeamMember(ctx, admin, tm.ID, cust.User.ID)
		wantFields(t, err, "user_id")
		wantFieldMessage(t, err, "user_id", "must be an agent or admin")
		err = svc.AddTeamMember(ctx, admin, tm.ID, 777)
		wantFields(t, err, "user_id")
		wantFieldMessage(t, err, "user_id", "does not exist")
		wantCode(t, svc.AddTeamMember(ctx, admin, 888, agent.User.ID), helpdesk.ENOTFOUND)
		wantCode(t, svc.RemoveTeamMember(ctx, admin, tm.ID, agent.User.ID), helpdesk.ENOTFOUND)
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries after refusals: got %d, want %d", got, n)
		}

		must(t, "AddTeamMember", svc.AddTeamMember(ctx, admin, tm.ID, agent.User.ID))
		must(t, "AddTeamMember again", svc.AddTeamMember(ctx, admin, tm.ID, agent.User.ID))
		must(t, "AddTeamMember(admin)", svc.AddTeamMember(ctx, admin, tm.ID, admin.User.ID))
		if got := len(f.audit("team.member_add")); got != 2 {
			t.Errorf("team.member_add entries: got %d, want 2 (the repeat changes nothing)", got)
		}
		must(t, "RemoveTeamMember", svc.RemoveTeamMember(ctx, admin, tm.ID, admin.User.ID))
		members, err := svc.ListTeamMembers(ctx, admin, tm.ID)
		must(t, "ListTeamMembers", err)
		if len(members) != 1 || members[0].ID != agent.User.ID {
			t.Errorf("members %v, want only the agent", members)
		}
		if e := f.audit("team.member_remove"); len(e) != 1 || decodeAudit(t, e[0].Before)["user_id"] != float64(admin.User.ID) {
			t.Errorf("team.member_remove audit %+v", e)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		tk := f.ticket(admin, service.NewTicket{TeamID: &tm.ID})
		must(t, "DeleteTeam", svc.DeleteTeam(ctx, admin, tm.ID))
		_, err := svc.GetTeam(ctx, admin, tm.ID)
		wantCode(t, err, helpdesk.ENOTFOUND)
		if got := f.storedTicket(tk.ID); got.TeamID != nil {
			t.Errorf("ticket team %v after delete, want none", *got.TeamID)
		}
		wantCode(t, svc.DeleteTeam(ctx, admin, tm.ID), helpdesk.ENOTFOUND)
		if e := f.audit("team.delete"); len(e) != 1 || decodeAudit(t, e[0].Before)["name"] != "Support" {
			t.Errorf("team.delete audit %+v", e)
		}
	})
}
