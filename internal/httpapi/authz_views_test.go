package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// The saved views of the authorization matrix. Views are made straight in
// the store, so that any user may own one whatever the service allows.

// freshView returns a Fresh function making a view of whose ("caller"
// for the caller's own) with scope; a team view is shared with the fixture
// team named team.
func freshView(whose, scope, team string) func(*matrix, string) vars {
	return func(m *matrix, caller string) vars {
		u := whose
		if u == "caller" {
			u = owner(caller)
		}
		return vars{"newView": itoa(m.view(u, scope, team, "Matrix view "+m.unique()))}
	}
}

// view stores a view and returns its id.
func (m *matrix) view(owner, scope, team, name string) int64 {
	m.tb.Helper()
	v := &helpdesk.SavedView{OwnerID: m.Users[owner].ID, Name: name, Query: "status:open",
		Columns: []string{"id", "subject"}, Scope: scope, CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC()}
	if team != "" {
		id := m.IDs[team]
		v.TeamID = &id
	}
	err := m.Store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.CreateSavedView(ctx, v)
	})
	m.fail("create view", err)
	return v.ID
}

// freshEveryKindOfView makes one view of each kind, named for who may see
// it, for checkViewList.
func freshEveryKindOfView(m *matrix, _ string) vars {
	for _, name := range []string{"agent", "outsider", "admin"} {
		m.view(name, helpdesk.ViewPersonal, "", "personal of "+name)
	}
	m.view("admin", helpdesk.ViewTeam, "team", "team Support")
	m.view("admin", helpdesk.ViewTeam, "otherTeam", "team other")
	m.view("admin", helpdesk.ViewEveryone, "", "everyone")
	return nil
}

// checkViewList checks a staff caller sees exactly the kinds of views
// freshEveryKindOfView makes that are theirs to see.
func checkViewList(tb testing.TB, _ *matrix, caller string, r *response) {
	var out struct {
		Items []struct {
			Name  string `json:"name"`
			Count *int   `json:"count"`
		} `json:"items"`
	}
	r.decode(tb, &out)
	want := map[string]bool{
		"personal of " + caller: true,
		"everyone":              true,
		"team Support":          caller == "agent" || caller == "admin",
		"team other":            caller == "admin",
	}
	seen := map[string]bool{}
	for _, it := range out.Items {
		if it.Count == nil {
			tb.Errorf("view %q has no count", it.Name)
		}
		if strings.HasPrefix(it.Name, "Matrix ") {
			continue // made by other rows' cells
		}
		if !want[it.Name] {
			tb.Errorf("%s sees view %q", caller, it.Name)
		}
		seen[it.Name] = true
	}
	for name, ok := range want {
		if ok && !seen[name] {
			tb.Errorf("%s does not see view %q", caller, name)
		}
	}
}

// viewBody is a valid new view with scope, shared with the fixture team
// for a team view.
func viewBody(scope string) func(v vars) any {
	return func(v vars) any {
		b := map[string]any{"name": "Matrix " + v["n"], "query": "status:open priority:high", "scope": scope}
		if scope == helpdesk.ViewTeam {
			b["team_id"] = json.Number(v["team"])
		}
		return b
	}
}
