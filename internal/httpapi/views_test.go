package httpapi_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// viewOut is a saved view as the API returns it.
type viewOut struct {
	ID          int64    `json:"id"`
	OwnerID     int64    `json:"owner_id"`
	Name        string   `json:"name"`
	Query       string   `json:"query"`
	Sort        string   `json:"sort"`
	Columns     []string `json:"columns"`
	Scope       string   `json:"scope"`
	TeamID      *int64   `json:"team_id"`
	Position    int      `json:"position"`
	CanEdit     bool     `json:"can_edit"`
	Count       *int     `json:"count"`
	CountCapped *bool    `json:"count_capped"`
}

// viewKeys are the keys of every saved view object.
var viewKeys = []string{"can_edit", "columns", "created_at", "id", "name", "owner_id", "position", "query",
	"scope", "sort", "team_id", "updated_at"}

func TestViewsAPI(t *testing.T) {
	e := newEnv(t)
	e.seedTicket("ticket", "customerA") // open, team Support, normal priority
	admin, agent := e.as("admin"), e.as("agent")

	// An agent saves a personal view: 201, Location, the view itself.
	r := agent.do("POST", "/api/v1/views", map[string]any{"name": " Open ", "query": "status:new,open"})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	if got := keys(object(t, r.Body)); !slices.Equal(got, viewKeys) {
		t.Errorf("view keys: got %v, want %v", got, viewKeys)
	}
	var mine viewOut
	r.decode(t, &mine)
	if loc := r.Header.Get("Location"); loc != "/api/v1/views/"+itoa(mine.ID) {
		t.Errorf("Location %q", loc)
	}
	if mine.Name != "Open" || mine.Scope != "personal" || mine.OwnerID != e.IDs["agent"] || !mine.CanEdit ||
		mine.TeamID != nil || mine.Sort != "" || len(mine.Columns) == 0 {
		t.Errorf("created %+v", mine)
	}
	e.IDs["mine"] = mine.ID

	// An admin shares one with the agent's team.
	var shared viewOut
	r = admin.do("POST", "/api/v1/views", map[string]any{"name": "Support queue", "query": "", "scope": "team",
		"team_id": e.IDs["team"], "columns": []string{"subject", "assignee"}, "sort": "-priority"})
	if r.Status != http.StatusCreated {
		t.Fatalf("share: %d %s", r.Status, r.Body)
	}
	r.decode(t, &shared)
	e.IDs["shared"] = shared.ID

	// The list carries counts; the agent may read the shared view but not
	// change it.
	var list struct{ Items []viewOut }
	r = agent.do("GET", "/api/v1/views", nil)
	r.decode(t, &list)
	if len(list.Items) != 2 {
		t.Fatalf("agent's list: %s", r.Body)
	}
	for _, v := range list.Items {
		if v.Count == nil || *v.Count != 1 || v.CountCapped == nil || *v.CountCapped {
			t.Errorf("view %s: count %v capped %v, want 1 and false", v.Name, v.Count, v.CountCapped)
		}
		if v.CanEdit != (v.ID == mine.ID) {
			t.Errorf("view %s: can_edit %v", v.Name, v.CanEdit)
		}
	}
	if strings.Contains(string(r.Body), "count_error") {
		t.Errorf("count_error present without an error: %s", r.Body)
	}

	e.run(t, []scenario{
		{Name: "CustomerList", As: "customerA", Method: "GET", Path: "/api/v1/views", Status: http.StatusForbidden},
		{Name: "CustomerCreate", As: "customerA", Method: "POST", Path: "/api/v1/views", Body: map[string]string{"name": "x"}, Status: http.StatusForbidden},
		{Name: "CustomerGet", As: "customerA", Method: "GET", Path: "/api/v1/views/{shared}", Status: http.StatusForbidden},
		{Name: "AnonymousList", As: "anonymous", Method: "GET", Path: "/api/v1/views", Status: http.StatusUnauthorized},
		{Name: "AdminGetsAgentsPersonal", As: "admin", Method: "GET", Path: "/api/v1/views/{mine}", Status: http.StatusNotFound},
		{Name: "OutsiderGetsTeamView", As: "outsider", Method: "GET", Path: "/api/v1/views/{shared}", Status: http.StatusNotFound},
		{Name: "OutsiderDeletesAgentsPersonal", As: "outsider", Method: "DELETE", Path: "/api/v1/views/{mine}", Status: http.StatusNotFound},
		{Name: "AgentEditsShared", As: "agent", Method: "PATCH", Path: "/api/v1/views/{shared}", Body: map[string]string{"name": "Mine now"}, Status: http.StatusForbidden},
		{Name: "AgentShares", As: "agent", Method: "PATCH", Path: "/api/v1/views/{mine}", Body: map[string]string{"scope": "everyone"}, Status: http.StatusForbidden},
		{Name: "AgentCreatesShared", As: "agent", Method: "POST", Path: "/api/v1/views", Body: map[string]string{"name": "x", "scope": "everyone"}, Status: http.StatusForbidden},
		{Name: "AgentRenames", As: "agent", Method: "PATCH", Path: "/api/v1/views/{mine}", Body: map[string]any{"name": "Renamed", "position": 2}, Status: http.StatusOK,
			Check: func(tb testing.TB, e *testEnv, r *response) {
				var v viewOut
				r.decode(tb, &v)
				if v.Name != "Renamed" || v.Position != 2 || v.Query != "status:new,open" {
					tb.Errorf("renamed: %+v", v)
				}
			}},
		{Name: "AdminMovesToEveryone", As: "admin", Method: "PATCH", Path: "/api/v1/views/{shared}", Body: `{"scope": "everyone", "team_id": null}`, Status: http.StatusOK,
			Check: func(tb testing.TB, e *testEnv, r *response) {
				var v viewOut
				r.decode(tb, &v)
				if v.Scope != "everyone" || v.TeamID != nil {
					tb.Errorf("moved: %+v", v)
				}
			}},
		{Name: "OutsiderNowSees", As: "outsider", Method: "GET", Path: "/api/v1/views/{shared}", Status: http.StatusOK},
		{Name: "AgentDeletesOwn", As: "agent", Method: "DELETE", Path: "/api/v1/views/{mine}", Status: http.StatusNoContent},
		{Name: "AgentGetsDeleted", As: "agent", Method: "GET", Path: "/api/v1/views/{mine}", Status: http.StatusNotFound},
	})
}

func TestViewsAPIProblems(t *testing.T) {
	e := newEnv(t)
	agent := e.as("agent")
	for _, tc := range []struct {
		name, body, field, msg string
	}{
		{"QueryPosition", `{"name": "x", "query": "status:open stauts:new"}`, "query", "at 12: "},
		{"NameRequired", `{"query": "status:open"}`, "name", "is required"},
		{"ColumnUnknown", `{"name": "x", "columns": ["subject", "ssn"]}`, "columns", `"ssn"`},
		{"SortUnknown", `{"name": "x", "sort": "name"}`, "sort", "relevance"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := agent.do("POST", "/api/v1/views", tc.body)
			p := r.fieldError(t, tc.field)
			for _, f := range p.Errors {
				if f.Field == tc.field && !strings.Contains(f.Message, tc.msg) {
					t.Errorf("%s: message %q, want it to contain %q", tc.field, f.Message, tc.msg)
				}
			}
		})
	}
	// A missing view and another's personal view answer alike.
	r := e.as("admin").do("POST", "/api/v1/views", map[string]string{"name": "Admin's"})
	var v viewOut
	r.decode(t, &v)
	hidden := agent.do("GET", "/api/v1/views/"+itoa(v.ID), nil).problem(t, http.StatusNotFound)
	missing := agent.do("GET", "/api/v1/views/999999", nil).problem(t, http.StatusNotFound)
	if hidden.Detail != missing.Detail {
		t.Errorf("hidden %q, missing %q", hidden.Detail, missing.Detail)
	}
}

// TestViewsAPIQuota refuses the 101st view with 409.
func TestViewsAPIQuota(t *testing.T) {
	e := newEnv(t)
	agent := e.as("agent")
	for i := range 100 {
		if r := agent.do("POST", "/api/v1/views", map[string]string{"name": "View " + itoa(int64(i))}); r.Status != http.StatusCreated {
			t.Fatalf("view %d: %d %s", i, r.Status, r.Body)
		}
	}
	agent.do("POST", "/api/v1/views", map[string]string{"name": "One more"}).problem(t, http.StatusConflict)
	var list struct{ Items []json.RawMessage }
	agent.do("GET", "/api/v1/views", nil).decode(t, &list)
	if len(list.Items) != 100 {
		t.Errorf("list: %d views, want 100", len(list.Items))
	}
}
