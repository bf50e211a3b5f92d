package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// seedViews makes tickets for the sidebar views: the fixture team's, one of
// another team, one with no team, assigned and not, open and solved.
func seedViews(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := context.Background()
	admin := e.principal("admin")
	other, err := e.Svc.CreateTeam(ctx, admin, helpdesk.Team{Name: "Other"})
	if err != nil {
		t.Fatal(err)
	}
	e.IDs["otherTeam"] = other.ID
	team, agent, custA, custB := e.IDs["team"], e.IDs["agent"], e.IDs["customerA"], e.IDs["customerB"]
	for i, in := range []service.NewTicket{
		{RequesterID: &custA, TeamID: &team, AssigneeID: &agent},
		{RequesterID: &custA, TeamID: &team, AssigneeID: &agent, Status: helpdesk.StatusSolved},
		{RequesterID: &custA, TeamID: &team},
		{RequesterID: &custB, TeamID: &other.ID},
		{RequesterID: &custB},
		{RequesterID: &custB, Status: helpdesk.StatusPending},
	} {
		in.Subject, in.Body = "View ticket", "For the sidebar."
		tk, err := e.Svc.CreateTicket(ctx, admin, in)
		if err != nil {
			t.Fatalf("ticket %d: %v", i, err)
		}
		e.IDs["view"+itoa(int64(i))] = tk.ID
	}
}

// listedIDs lists every ticket the client gets for query, ascending.
func listedIDs(t *testing.T, c *client, query string) []int64 {
	t.Helper()
	r := c.do("GET", "/api/v1/tickets?limit=100&sort=id&"+query, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("list %s: %d %s", query, r.Status, r.Body)
	}
	var pg ticketPage
	r.decode(t, &pg)
	out := []int64{}
	for _, it := range pg.Items {
		out = append(out, it.ID)
	}
	return out
}

func TestTicketCountRoute(t *testing.T) {
	const open = "status=new,open,pending,on_hold"
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open(t))
			seedViews(t, e)
			since := url.QueryEscape(time.Now().Add(-24 * time.Hour).UTC().Format(time.RFC3339))
			views := []string{
				"assignee=me&" + open, "assignee=none&" + open, open, "team=mine&" + open, "updated_after=" + since,
				"team=none", "team=" + itoa(e.IDs["team"]), "tag=nothing", "",
			}
			for _, who := range []string{"agent", "outsider", "admin"} {
				c := e.as(who)
				for _, q := range views {
					r := c.do("GET", "/api/v1/tickets/count?"+q, nil)
					if r.Status != http.StatusOK {
						t.Fatalf("count %s as %s: %d %s", q, who, r.Status, r.Body)
					}
					if got := keys(object(t, r.Body)); !slices.Equal(got, []string{"capped", "count"}) {
						t.Errorf("count keys %v", got)
					}
					var n struct {
						Count  int  `json:"count"`
						Capped bool `json:"capped"`
					}
					r.decode(t, &n)
					if want := len(listedIDs(t, c, q)); n.Count != want || n.Capped {
						t.Errorf("count %q as %s: got %d (capped %v), the list has %d", q, who, n.Count, n.Capped, want)
					}
				}
			}
			agent := e.as("agent")
			if got, want := listedIDs(t, agent, "team=mine&"+open), []int64{e.IDs["view0"], e.IDs["view2"]}; !slices.Equal(got, want) {
				t.Errorf("team=mine: got %v, want %v", got, want)
			}
			if got, want := listedIDs(t, agent, "team=none"), []int64{e.IDs["view4"], e.IDs["view5"]}; !slices.Equal(got, want) {
				t.Errorf("team=none: got %v, want %v", got, want)
			}
			// The outsider belongs to no team: "my teams" is empty, not "any team".
			if got := listedIDs(t, e.as("outsider"), "team=mine"); len(got) != 0 {
				t.Errorf("team=mine for an agent in no team: got %v", got)
			}
			future := url.QueryEscape(time.Now().Add(time.Hour).UTC().Format(time.RFC3339Nano))
			if got := listedIDs(t, agent, "updated_after="+future); len(got) != 0 {
				t.Errorf("updated_after in the future: got %v", got)
			}

			cust := e.as("customerA")
			r := cust.do("GET", "/api/v1/tickets/count?"+open, nil)
			var n struct{ Count int }
			r.decode(t, &n)
			if n.Count != 2 {
				t.Errorf("customerA open count: %d, want 2", n.Count)
			}
			for _, q := range []string{"team=mine", "team=none", "team=" + itoa(e.IDs["team"])} {
				p := cust.do("GET", "/api/v1/tickets/count?"+q, nil).fieldError(t, "team")
				if p.Errors[0].Message != "customers cannot filter by team" {
					t.Errorf("customer %s: %+v", q, p.Errors)
				}
				cust.do("GET", "/api/v1/tickets?"+q, nil).fieldError(t, "team")
			}
			for q, field := range map[string]string{
				"team=ours": "team", "team=0": "team", "updated_after=yesterday": "updated_after",
				"sort=id": "sort", "limit=5": "limit", "cursor=x": "cursor", "status=lost": "status",
				"assignee=you": "assignee",
			} {
				agent.do("GET", "/api/v1/tickets/count?"+q, nil).fieldError(t, field)
			}
			agent.do("GET", "/api/v1/tickets?updated_after=2026-13-01", nil).fieldError(t, "updated_after")
			e.anon().do("GET", "/api/v1/tickets/count", nil).problem(t, http.StatusUnauthorized)
		})
	}
}

// bulkItem is one item of the bulk answer as the tests read it.
type bulkItem struct {
	ID     int64                      `json:"id"`
	Ticket map[string]json.RawMessage `json:"ticket"`
	Error  *struct {
		Type   string `json:"type"`
		Title  string `json:"title"`
		Status int    `json:"status"`
		Detail string `json:"detail"`
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
	} `json:"error"`
}

func bulk(t *testing.T, c *client, body any) []bulkItem {
	t.Helper()
	r := c.do("POST", "/api/v1/tickets/bulk", body)
	if r.Status != http.StatusOK {
		t.Fatalf("bulk: %d %s", r.Status, r.Body)
	}
	var out struct {
		Items []bulkItem `json:"items"`
	}
	r.decode(t, &out)
	return out.Items
}

func TestBulkUpdateRoute(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open(t))
			seedViews(t, e)
			agent := e.as("agent")
			ids := []int64{e.IDs["view2"], e.IDs["view3"], 999999, e.IDs["view4"]}
			got := bulk(t, agent, map[string]any{"ids": ids, "update": map[string]any{
				"priority": "high", "assignee_id": e.IDs["agent"], "add_tags": []string{"Bulk"}}})
			if len(got) != len(ids) {
				t.Fatalf("items %d, want %d", len(got), len(ids))
			}
			for i, it := range got {
				if it.ID != ids[i] {
					t.Errorf("item %d: id %d, want %d (order of ids)", i, it.ID, ids[i])
				}
			}
			for _, i := range []int{0, 3} {
				if got[i].Error != nil || got[i].Ticket == nil {
					t.Fatalf("item %d: %+v", i, got[i])
				}
				checkTicketShape(t, e, true, got[i].Ticket)
				if string(got[i].Ticket["priority"]) != `"high"` || string(got[i].Ticket["tags"]) != `["bulk"]` {
					t.Errorf("item %d ticket %v", i, got[i].Ticket)
				}
			}
			// Another team's ticket and a missing one fail alike, with no details.
			for _, i := range []int{1, 2} {
				it := got[i]
				if it.Ticket != nil || it.Error == nil || it.Error.Status != http.StatusNotFound ||
					it.Error.Type != "urn:triage:problem:not_found" || it.Error.Title == "" {
					t.Errorf("item %d: %+v", i, it)
				}
			}
			if got[1].Error != nil && got[2].Error != nil && got[1].Error.Detail != got[2].Error.Detail {
				t.Errorf("invisible %+v differs from missing %+v", got[1].Error, got[2].Error)
			}
			r := e.as("admin").do("GET", "/api/v1/tickets/{view3}", nil)
			if m := object(t, r.Body); string(m["priority"]) != `"normal"` {
				t.Errorf("invisible ticket changed: %s", r.Body)
			}

			// remove_tags, and a per-ticket refusal (closed is final).
			admin := e.as("admin")
			closed := bulk(t, admin, map[string]any{"ids": []int64{e.IDs["view4"]}, "update": map[string]any{"status": "closed"}})
			if closed[0].Error != nil {
				t.Fatalf("close: %+v", closed[0].Error)
			}
			got = bulk(t, agent, map[string]any{"ids": []int64{e.IDs["view2"], e.IDs["view4"]},
				"update": map[string]any{"remove_tags": []string{"bulk"}, "status": "open"}})
			if got[0].Error != nil || string(got[0].Ticket["tags"]) != `[]` {
				t.Errorf("remove tag: %+v", got[0])
			}
			if got[1].Error == nil || got[1].Error.Status != http.StatusForbidden {
				t.Errorf("reopen closed as agent: %+v", got[1])
			}

			// Customers may not bulk edit, even their own tickets.
			cust := e.as("customerA")
			cust.do("POST", "/api/v1/tickets/bulk", map[string]any{"ids": []int64{e.IDs["view0"]},
				"update": map[string]any{"status": "solved"}}).problem(t, http.StatusForbidden)
			e.anon().do("POST", "/api/v1/tickets/bulk", map[string]any{}).problem(t, http.StatusUnauthorized)

			many := make([]int64, 101)
			for i := range many {
				many[i] = int64(i + 1)
			}
			v := e.IDs["view0"]
			for name, c := range map[string]struct {
				body  any
				field string
			}{
				"NoIDs":           {map[string]any{"update": map[string]any{"status": "open"}}, "ids"},
				"EmptyIDs":        {map[string]any{"ids": []int64{}, "update": map[string]any{"status": "open"}}, "ids"},
				"TooManyIDs":      {map[string]any{"ids": many, "update": map[string]any{"status": "open"}}, "ids"},
				"RepeatedIDs":     {map[string]any{"ids": []int64{v, v}, "update": map[string]any{"status": "open"}}, "ids"},
				"ZeroID":          {map[string]any{"ids": []int64{0}, "update": map[string]any{"status": "open"}}, "ids"},
				"StringID":        {map[string]any{"ids": []string{"1"}, "update": map[string]any{"status": "open"}}, "ids"},
				"NoUpdate":        {map[string]any{"ids": []int64{v}}, "update"},
				"Subject":         {map[string]any{"ids": []int64{v}, "update": map[string]any{"subject": "x"}}, "subject"},
				"UnknownField":    {map[string]any{"ids": []int64{v}, "update": map[string]any{"status": "open"}, "x": 1}, "x"},
				"TagsAndAdd":      {map[string]any{"ids": []int64{v}, "update": map[string]any{"tags": []string{"a"}, "add_tags": []string{"b"}}}, "tags"},
				"BadStatus":       {map[string]any{"ids": []int64{v}, "update": map[string]any{"status": "lost"}}, "status"},
				"BadAssignee":     {map[string]any{"ids": []int64{v}, "update": map[string]any{"assignee_id": e.IDs["customerA"]}}, "assignee_id"},
				"NullAddTags":     {map[string]any{"ids": []int64{v}, "update": map[string]any{"add_tags": nil}}, "add_tags"},
				"BadTag":          {map[string]any{"ids": []int64{v}, "update": map[string]any{"add_tags": []string{"no spaces"}}}, "add_tags"},
				"NullStatus":      {map[string]any{"ids": []int64{v}, "update": map[string]any{"status": nil}}, "status"},
				"UpdateNotObject": {map[string]any{"ids": []int64{v}, "update": []int{1}}, "update"},
			} {
				t.Run(name, func(t *testing.T) {
					agent.do("POST", "/api/v1/tickets/bulk", c.body).fieldError(t, c.field)
				})
			}
			agent.do("POST", "/api/v1/tickets/bulk", map[string]any{"ids": []int64{v}, "update": map[string]any{}}).
				problem(t, http.StatusBadRequest)
		})
	}
}

func TestBulkUpdateRouteCustomerShape(t *testing.T) {
	// Bulk answers are staff-only, so the customer shape never appears
	// there; this pins that a customer's ticket JSON stays customer-shaped
	// after a staff bulk edit.
	e := newEnv(t)
	seedViews(t, e)
	bulk(t, e.as("agent"), map[string]any{"ids": []int64{e.IDs["view0"]}, "update": map[string]any{"add_tags": []string{"secret-triage"}}})
	r := e.as("customerA").do("GET", "/api/v1/tickets/{view0}", nil)
	checkTicketShape(t, e, false, object(t, r.Body))
	if slices.Contains(keys(object(t, r.Body)), "tags") {
		t.Errorf("customer sees tags: %s", r.Body)
	}
}

func TestUsersRoleList(t *testing.T) {
	e := newEnv(t)
	agent := e.as("agent")
	r := agent.do("GET", "/api/v1/users?role=agent,admin&limit=100", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	var pg struct {
		Items []struct {
			Role string `json:"role"`
		} `json:"items"`
	}
	r.decode(t, &pg)
	if len(pg.Items) != 3 {
		t.Errorf("staff: %s", r.Body)
	}
	for _, u := range pg.Items {
		if u.Role == "customer" {
			t.Errorf("customer listed for role=agent,admin: %s", r.Body)
		}
	}
	r = agent.do("GET", "/api/v1/users?role=customer", nil)
	r.decode(t, &pg)
	if len(pg.Items) != 2 {
		t.Errorf("customers: %s", r.Body)
	}
	agent.do("GET", "/api/v1/users?role=agent,boss", nil).fieldError(t, "role")
	e.as("customerA").do("GET", "/api/v1/users?role=agent,admin", nil).problem(t, http.StatusForbidden)
}
