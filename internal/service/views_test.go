package service_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// viewCast is who the saved-view tests act as, and one view of each kind.
type viewCast struct {
	f                          *fixtures
	svc                        *service.Service
	agent, outsider, cust      *helpdesk.Principal
	admin, admin2              *helpdesk.Principal
	team, otherTeam            *helpdesk.Team
	agentsView, adminsView     *service.View // personal
	teamView, otherView, every *service.View // shared
}

func newViewCast(t *testing.T) *viewCast {
	t.Helper()
	svc, _, f := newTestService(t)
	c := &viewCast{f: f, svc: svc}
	c.admin, c.admin2 = f.admin("Ada"), f.admin("Abe")
	c.agent, c.outsider, c.cust = f.agent("Ann"), f.agent("Oto"), f.customer("Cy")
	c.team = f.team(c.admin, "Support", c.agent)
	c.otherTeam = f.team(c.admin, "Billing")
	c.agentsView = c.create(c.agent, service.NewView{Name: "Ann's"})
	c.adminsView = c.create(c.admin, service.NewView{Name: "Ada's"})
	c.teamView = c.create(c.admin, service.NewView{Name: "Support's", Scope: helpdesk.ViewTeam, TeamID: &c.team.ID})
	c.otherView = c.create(c.admin, service.NewView{Name: "Billing's", Scope: helpdesk.ViewTeam, TeamID: &c.otherTeam.ID})
	c.every = c.create(c.admin, service.NewView{Name: "Everyone's", Scope: helpdesk.ViewEveryone})
	return c
}

func (c *viewCast) create(p *helpdesk.Principal, in service.NewView) *service.View {
	c.f.t.Helper()
	v, err := c.svc.CreateView(context.Background(), p, in)
	must(c.f.t, "CreateView("+in.Name+")", err)
	return v
}

// views returns the cast's views by name, and its callers by name.
func (c *viewCast) views() map[string]*service.View {
	return map[string]*service.View{"agent's": c.agentsView, "admin's": c.adminsView, "team": c.teamView,
		"other team": c.otherView, "everyone": c.every}
}

func (c *viewCast) callers() map[string]*helpdesk.Principal {
	return map[string]*helpdesk.Principal{"agent": c.agent, "outsider": c.outsider, "customer": c.cust,
		"admin": c.admin, "admin2": c.admin2}
}

// Error codes by what they mean here.
const (
	okay      = ""
	forbidden = helpdesk.EFORBIDDEN
	notFound  = helpdesk.ENOTFOUND
)

// viewPolicy is, per caller and view, the answer to reading and to
// changing it. Customers are refused everything; a personal view is its
// owner's alone; a team view is seen by its members and admins; only
// admins change shared views.
var viewPolicy = map[string]map[string][2]string{
	"agent": {"agent's": {okay, okay}, "admin's": {notFound, notFound}, "team": {okay, forbidden},
		"other team": {notFound, notFound}, "everyone": {okay, forbidden}},
	"outsider": {"agent's": {notFound, notFound}, "admin's": {notFound, notFound}, "team": {notFound, notFound},
		"other team": {notFound, notFound}, "everyone": {okay, forbidden}},
	"customer": {"agent's": {forbidden, forbidden}, "admin's": {forbidden, forbidden}, "team": {forbidden, forbidden},
		"other team": {forbidden, forbidden}, "everyone": {forbidden, forbidden}},
	"admin": {"agent's": {notFound, notFound}, "admin's": {okay, okay}, "team": {okay, okay},
		"other team": {okay, okay}, "everyone": {okay, okay}},
	"admin2": {"agent's": {notFound, notFound}, "admin's": {notFound, notFound}, "team": {okay, okay},
		"other team": {okay, okay}, "everyone": {okay, okay}},
}

func TestViewPermissions(t *testing.T) {
	c := newViewCast(t)
	ctx := context.Background()
	for caller, row := range viewPolicy {
		p := c.callers()[caller]
		for name, want := range row {
			v := c.views()[name]
			t.Run(caller+"/"+name, func(t *testing.T) {
				got, err := c.svc.GetView(ctx, p, v.ID)
				if code := helpdesk.ErrorCode(err); code != want[0] {
					t.Fatalf("GetView: code %q (%v), want %q", code, err, want[0])
				}
				if err == nil && got.CanEdit != (want[1] == okay) {
					t.Errorf("GetView: can_edit %v, want %v", got.CanEdit, want[1] == okay)
				}
				position := 3
				_, err = c.svc.UpdateView(ctx, p, v.ID, service.ViewUpdate{Position: &position})
				if code := helpdesk.ErrorCode(err); code != want[1] {
					t.Errorf("UpdateView: code %q (%v), want %q", code, err, want[1])
				}
			})
		}
	}
	// Deleting answers as changing does; the view is gone after.
	for _, tc := range []struct {
		caller, view, want string
	}{
		{"customer", "agent's", forbidden}, {"outsider", "agent's", notFound}, {"admin", "agent's", notFound},
		{"agent", "team", forbidden}, {"agent", "everyone", forbidden}, {"outsider", "team", notFound},
		{"agent", "agent's", okay}, {"admin2", "team", okay}, {"admin", "everyone", okay},
	} {
		v := c.views()[tc.view]
		err := c.svc.DeleteView(ctx, c.callers()[tc.caller], v.ID)
		if code := helpdesk.ErrorCode(err); code != tc.want {
			t.Errorf("DeleteView(%s) as %s: code %q (%v), want %q", tc.view, tc.caller, code, err, tc.want)
		}
		if tc.want == okay {
			_, err := c.svc.GetView(ctx, c.admin, v.ID)
			wantCode(t, err, helpdesk.ENOTFOUND)
		}
	}
}

func TestCreateViewSharing(t *testing.T) {
	c := newViewCast(t)
	ctx := context.Background()
	for _, tc := range []struct {
		caller string
		scope  string
		want   string
	}{
		{"customer", helpdesk.ViewPersonal, forbidden},
		{"agent", helpdesk.ViewPersonal, okay},
		{"agent", helpdesk.ViewTeam, forbidden},
		{"agent", helpdesk.ViewEveryone, forbidden},
		{"admin", helpdesk.ViewPersonal, okay},
		{"admin", helpdesk.ViewTeam, okay},
		{"admin", helpdesk.ViewEveryone, okay},
	} {
		t.Run(tc.caller+"/"+tc.scope, func(t *testing.T) {
			in := service.NewView{Name: "New", Scope: tc.scope}
			if tc.scope == helpdesk.ViewTeam {
				in.TeamID = &c.team.ID
			}
			before := c.f.auditCount()
			v, err := c.svc.CreateView(ctx, c.callers()[tc.caller], in)
			if code := helpdesk.ErrorCode(err); code != tc.want {
				t.Fatalf("CreateView: code %q (%v), want %q", code, err, tc.want)
			}
			if err != nil {
				if c.f.auditCount() != before {
					t.Errorf("a refused view was audited")
				}
				return
			}
			if v.OwnerID != c.callers()[tc.caller].User.ID || v.Scope != tc.scope || !v.CanEdit {
				t.Errorf("created %+v (can_edit %v)", v.SavedView, v.CanEdit)
			}
			if !slices.Equal(v.Columns, service.DefaultViewColumns) {
				t.Errorf("columns: got %v, want the defaults %v", v.Columns, service.DefaultViewColumns)
			}
		})
	}
}

func TestUpdateViewSharing(t *testing.T) {
	c := newViewCast(t)
	ctx := context.Background()
	everyone, personal, team := helpdesk.ViewEveryone, helpdesk.ViewPersonal, helpdesk.ViewTeam

	t.Run("AgentCannotShare", func(t *testing.T) {
		_, err := c.svc.UpdateView(ctx, c.agent, c.agentsView.ID, service.ViewUpdate{Scope: &everyone})
		wantCode(t, err, helpdesk.EFORBIDDEN)
	})
	t.Run("AdminSharesOwnPersonalWithTeam", func(t *testing.T) {
		v, err := c.svc.UpdateView(ctx, c.admin, c.adminsView.ID, service.ViewUpdate{Scope: &team, TeamID: &c.team.ID})
		must(t, "UpdateView", err)
		if v.Scope != team || v.TeamID == nil || *v.TeamID != c.team.ID {
			t.Fatalf("got scope %s team %v", v.Scope, v.TeamID)
		}
		// The agent of that team now sees it, read-only.
		got, err := c.svc.GetView(ctx, c.agent, v.ID)
		must(t, "GetView as a member", err)
		if got.CanEdit {
			t.Error("an agent may edit a shared view")
		}
	})
	t.Run("LeavingTeamScopeDropsTeam", func(t *testing.T) {
		v, err := c.svc.UpdateView(ctx, c.admin2, c.teamView.ID, service.ViewUpdate{Scope: &everyone})
		must(t, "UpdateView", err)
		if v.TeamID != nil || v.Scope != everyone {
			t.Fatalf("got scope %s team %v, want everyone and no team", v.Scope, v.TeamID)
		}
		_, err = c.svc.GetView(ctx, c.outsider, v.ID)
		must(t, "GetView as an outsider", err)
	})
	t.Run("OnlyOwnerMakesSharedPersonal", func(t *testing.T) {
		_, err := c.svc.UpdateView(ctx, c.admin2, c.every.ID, service.ViewUpdate{Scope: &personal})
		wantCode(t, err, helpdesk.EFORBIDDEN)
		v, err := c.svc.UpdateView(ctx, c.admin, c.every.ID, service.ViewUpdate{Scope: &personal})
		must(t, "UpdateView by the owner", err)
		if v.Scope != personal {
			t.Fatalf("scope %s", v.Scope)
		}
		_, err = c.svc.GetView(ctx, c.agent, v.ID)
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	t.Run("MoveToMissingTeam", func(t *testing.T) {
		missing := int64(999999)
		_, err := c.svc.UpdateView(ctx, c.admin, c.otherView.ID, service.ViewUpdate{TeamID: &missing})
		wantFields(t, err, "team_id")
	})
	t.Run("NothingToUpdate", func(t *testing.T) {
		_, err := c.svc.UpdateView(ctx, c.agent, c.agentsView.ID, service.ViewUpdate{})
		wantCode(t, err, helpdesk.EINVALID)
	})
}

func TestViewValidation(t *testing.T) {
	svc, _, f := newTestService(t)
	ctx := context.Background()
	admin := f.admin("Ada")
	team := f.team(admin, "Support")
	missing := int64(999999)
	for _, tc := range []struct {
		name   string
		in     service.NewView
		fields []string
		msg    string // in the first field's message
	}{
		{"NoName", service.NewView{}, []string{"name"}, "required"},
		{"BlankName", service.NewView{Name: " \t "}, []string{"name"}, "required"},
		{"LongName", service.NewView{Name: strings.Repeat("é", 101)}, []string{"name"}, "100"},
		{"NameNewline", service.NewView{Name: "a\nb"}, []string{"name"}, "single line"},
		{"QueryUnknownField", service.NewView{Name: "x", Query: "status:open stauts:new"}, []string{"query"}, "at 12: "},
		{"QueryUnclosedQuote", service.NewView{Name: "x", Query: `"paper jam`}, []string{"query"}, "at 0: "},
		{"BadSort", service.NewView{Name: "x", Sort: "subject"}, []string{"sort"}, "-updated_at"},
		{"RelevanceWithoutText", service.NewView{Name: "x", Query: "status:open", Sort: helpdesk.SortRelevance}, []string{"sort"}, "free words"},
		{"UnknownColumn", service.NewView{Name: "x", Columns: []string{"id", "secret"}}, []string{"columns"}, `"secret"`},
		{"DuplicateColumn", service.NewView{Name: "x", Columns: []string{"tags", "id", "tags"}}, []string{"columns"}, "twice"},
		{"BadScope", service.NewView{Name: "x", Scope: "galaxy"}, []string{"scope"}, "personal"},
		{"TeamWithoutTeamID", service.NewView{Name: "x", Scope: helpdesk.ViewTeam}, []string{"team_id"}, "required"},
		{"EveryoneWithTeamID", service.NewView{Name: "x", Scope: helpdesk.ViewEveryone, TeamID: &team.ID}, []string{"team_id"}, "null"},
		{"MissingTeam", service.NewView{Name: "x", Scope: helpdesk.ViewTeam, TeamID: &missing}, []string{"team_id"}, "does not exist"},
		{"Several", service.NewView{Query: "-", Columns: []string{"nope"}}, []string{"name", "query", "columns"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.CreateView(ctx, admin, tc.in)
			wantFields(t, err, tc.fields...)
			if tc.msg != "" {
				wantFieldMessage(t, err, tc.fields[0], tc.msg)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		v, err := svc.CreateView(ctx, admin, service.NewView{Name: "  Hot  ", Query: `printer "paper jam" -tag:spam`,
			Sort: helpdesk.SortRelevance, Columns: []string{"subject", "id"}})
		must(t, "CreateView", err)
		if v.Name != "Hot" || v.Scope != helpdesk.ViewPersonal || !slices.Equal(v.Columns, []string{"subject", "id"}) {
			t.Errorf("got %+v", v.SavedView)
		}
	})
}

func TestViewQuota(t *testing.T) {
	svc, _, f := newTestService(t)
	ctx := context.Background()
	agent, admin := f.agent("Ann"), f.admin("Ada")
	for i := range service.MaxViewsPerOwner {
		_, err := svc.CreateView(ctx, agent, service.NewView{Name: fmt.Sprintf("View %d", i)})
		must(t, "CreateView", err)
	}
	_, err := svc.CreateView(ctx, agent, service.NewView{Name: "One too many"})
	wantCode(t, err, helpdesk.ECONFLICT)
	// The limit is per owner.
	_, err = svc.CreateView(ctx, admin, service.NewView{Name: "Mine", Scope: helpdesk.ViewEveryone})
	must(t, "CreateView by another owner", err)
}

func TestViewAudit(t *testing.T) {
	svc, _, f := newTestService(t)
	ctx := context.Background()
	admin := f.admin("Ada")
	team := f.team(admin, "Support")
	v, err := svc.CreateView(ctx, admin, service.NewView{Name: "Hot", Query: "priority:high"})
	must(t, "CreateView", err)
	scope, name := helpdesk.ViewTeam, "Hot"
	_, err = svc.UpdateView(ctx, admin, v.ID, service.ViewUpdate{Name: &name, Scope: &scope, TeamID: &team.ID})
	must(t, "UpdateView", err)
	// Changing nothing writes nothing.
	_, err = svc.UpdateView(ctx, admin, v.ID, service.ViewUpdate{Name: &name})
	must(t, "UpdateView (no change)", err)
	must(t, "DeleteView", svc.DeleteView(ctx, admin, v.ID))

	id := fmt.Sprint(v.ID)
	created := f.audit("view.create")
	if len(created) != 1 || created[0].TargetType != "view" || created[0].TargetID != id || created[0].Before != nil {
		t.Fatalf("view.create entries: %+v", created)
	}
	if after := decodeAudit(t, created[0].After); after["query"] != "priority:high" || after["scope"] != "personal" {
		t.Errorf("view.create after: %v", after)
	}
	updated := f.audit("view.update")
	if len(updated) != 1 {
		t.Fatalf("view.update entries: %d, want 1", len(updated))
	}
	before, after := decodeAudit(t, updated[0].Before), decodeAudit(t, updated[0].After)
	if before["scope"] != "personal" || after["scope"] != "team" || before["team_id"] != nil ||
		after["team_id"] != float64(team.ID) || after["name"] != nil {
		t.Errorf("view.update before %v after %v", before, after)
	}
	deleted := f.audit("view.delete")
	if len(deleted) != 1 || deleted[0].After != nil || decodeAudit(t, deleted[0].Before)["name"] != "Hot" {
		t.Errorf("view.delete entries: %+v", deleted)
	}
}

func TestListViews(t *testing.T) {
	c := newViewCast(t)
	ctx := context.Background()
	for caller, want := range map[string][]string{
		"agent":    {"Ann's", "Everyone's", "Support's"},
		"outsider": {"Everyone's"},
		"admin":    {"Ada's", "Billing's", "Everyone's", "Support's"},
		"admin2":   {"Billing's", "Everyone's", "Support's"},
	} {
		list, err := c.svc.ListViews(ctx, c.callers()[caller])
		must(t, "ListViews", err)
		var got []string
		for _, v := range list {
			got = append(got, v.Name)
			if v.CanEdit != (v.OwnerID == c.callers()[caller].User.ID || (v.Scope != helpdesk.ViewPersonal && strings.HasPrefix(caller, "admin"))) {
				t.Errorf("%s: %s can_edit %v", caller, v.Name, v.CanEdit)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("ListViews as %s: got %v, want %v", caller, got, want)
		}
	}
	_, err := c.svc.ListViews(ctx, c.cust)
	wantCode(t, err, helpdesk.EFORBIDDEN)

	position := 1
	_, err = c.svc.UpdateView(ctx, c.agent, c.agentsView.ID, service.ViewUpdate{Position: &position})
	must(t, "UpdateView", err)
	list, err := c.svc.ListViews(ctx, c.agent)
	must(t, "ListViews", err)
	if last := list[len(list)-1]; last.ID != c.agentsView.ID {
		t.Errorf("ListViews: last is %s, want the view moved to position 1", last.Name)
	}
}
