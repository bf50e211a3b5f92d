package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// badCase is one request that must be refused with a problem and change
// nothing.
type badCase struct {
	Name   string
	As     string // fixture user; empty means admin
	Method string
	Path   string // {placeholders} from testEnv.IDs
	Body   any
	Status int
	// Field must be named in the problem's errors when it is set.
	Field string
	// ContentType replaces the JSON content type.
	ContentType string
}

// TestBadInput sends malformed, oversized, out-of-range and tampered
// requests on every engine. Each must be answered with a complete
// problem+json and leave the database exactly as it was.
func TestBadInput(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			start := time.Now()
			e := newEnvOn(t, eng.open(t))
			b := newBadInputEnv(t, e)
			cases := b.cases()
			clients := map[string]*client{}
			for _, bc := range cases {
				t.Run(bc.Name, func(t *testing.T) {
					as := bc.As
					if as == "" {
						as = "admin"
					}
					c, ok := clients[as]
					if !ok {
						c = e.as(as)
						clients[as] = c
					}
					if bc.ContentType != "" {
						c = &client{env: e, cookies: c.cookies, Header: http.Header{"Content-Type": {bc.ContentType}}, RemoteAddr: c.RemoteAddr}
					}
					body := bc.Body
					if s, ok := body.(string); ok {
						body = e.path(s)
					}
					before := snapshot(t, e)
					r := c.do(bc.Method, bc.Path, body)
					if bc.Field != "" {
						p := r.problem(t, bc.Status)
						if !namesField(p.Errors, bc.Field) {
							t.Errorf("problem does not name field %q: %s", bc.Field, r.Body)
						}
					} else {
						r.problem(t, bc.Status)
					}
					if after := snapshot(t, e); after != before {
						t.Errorf("a refused request changed the database:\nbefore %s\nafter  %s", before, after)
					}
				})
			}
			t.Logf("%s: %d cases in %v", eng.name, len(cases), time.Since(start).Round(time.Millisecond))
		})
	}
}

func namesField(errs []helpdesk.FieldError, field string) bool {
	for _, f := range errs {
		if f.Field == field {
			return true
		}
	}
	return false
}

// badInputEnv holds the objects and signed cursors the cases refer to.
type badInputEnv struct {
	e *testEnv
	// Cursors by list: tickets (default sort), ticketsByID (sort -id),
	// users, audit, comments (of ticket), comments2 (of ticket2).
	cursors map[string]string
}

func newBadInputEnv(t *testing.T, e *testEnv) *badInputEnv {
	t.Helper()
	ctx := context.Background()
	e.seedTicket("ticket", "customerA")
	e.seedTicket("ticket2", "customerB")
	for _, key := range []string{"ticket", "ticket2"} {
		if _, err := e.Svc.AddComment(ctx, e.principal("agent"), e.IDs[key], "A reply.", false); err != nil {
			t.Fatalf("add comment: %v", err)
		}
	}
	inactive, err := e.Svc.BootstrapUser(ctx, service.NewUser{Email: "gone@example.com", Name: "Gone Agent", Role: helpdesk.RoleAgent})
	if err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	off := false
	if _, err := e.Svc.UpdateUser(ctx, e.principal("admin"), inactive.ID, helpdesk.UserUpdate{Active: &off}); err != nil {
		t.Fatalf("deactivate: %v", err)
	}
	e.IDs["inactiveAgent"] = inactive.ID
	admin := e.as("admin")
	b := &badInputEnv{e: e, cursors: map[string]string{}}
	for name, path := range map[string]string{
		"tickets":     "/api/v1/tickets?limit=1",
		"ticketsByID": "/api/v1/tickets?limit=1&sort=-id",
		"users":       "/api/v1/users?limit=1",
		"audit":       "/api/v1/audit?limit=1",
		"comments":    "/api/v1/tickets/{ticket}/comments?limit=1",
		"comments2":   "/api/v1/tickets/{ticket2}/comments?limit=1",
	} {
		var pg struct {
			NextCursor *string `json:"next_cursor"`
		}
		r := admin.do("GET", path, nil)
		r.decode(t, &pg)
		if r.Status != http.StatusOK || pg.NextCursor == nil {
			t.Fatalf("%s: no next cursor: %d %s", path, r.Status, r.Body)
		}
		b.cursors[name] = *pg.NextCursor
	}
	return b
}

// state is everything a refused request could have changed, as read from
// the store.
type state struct {
	Tickets   []*helpdesk.Ticket
	Comments  map[int64][]*helpdesk.Comment
	Users     []*helpdesk.User
	Passwords map[int64]string
	Teams     []*helpdesk.Team
	Members   map[int64][]*helpdesk.User
	Tokens    map[int64][]*helpdesk.APIToken
	Audit     []*helpdesk.AuditEntry
}

// snapshot reads the state as JSON, for comparison.
func snapshot(t *testing.T, e *testEnv) string {
	t.Helper()
	ctx := context.Background()
	s := state{Comments: map[int64][]*helpdesk.Comment{}, Passwords: map[int64]string{},
		Members: map[int64][]*helpdesk.User{}, Tokens: map[int64][]*helpdesk.APIToken{}}
	var err error
	admin := helpdesk.Viewer{UserID: e.IDs["admin"], Role: helpdesk.RoleAdmin}
	must := func(what string, err error) {
		if err != nil {
			t.Fatalf("snapshot %s: %v", what, err)
		}
	}
	s.Tickets, err = e.Store.ListTickets(ctx, helpdesk.TicketFilter{Viewer: admin, Sort: helpdesk.SortIDAsc, Limit: 1000})
	must("tickets", err)
	for _, tk := range s.Tickets {
		s.Comments[tk.ID], err = e.Store.ListComments(ctx, helpdesk.CommentFilter{TicketID: tk.ID, IncludeInternal: true, Limit: 1000})
		must("comments", err)
	}
	s.Users, err = e.Store.ListUsers(ctx, helpdesk.UserFilter{Limit: 1000})
	must("users", err)
	for _, u := range s.Users {
		s.Passwords[u.ID] = u.PasswordHash
		s.Tokens[u.ID], err = e.Store.ListAPITokens(ctx, u.ID)
		must("tokens", err)
	}
	s.Teams, err = e.Store.ListTeams(ctx)
	must("teams", err)
	for _, tm := range s.Teams {
		s.Members[tm.ID], err = e.Store.ListTeamMembers(ctx, tm.ID)
		must("members", err)
	}
	s.Audit, err = e.Store.ListAudit(ctx, helpdesk.AuditFilter{Limit: 1000})
	must("audit", err)
	j, err := json.Marshal(s)
	must("marshal", err)
	return string(j)
}

// q escapes a query value.
func q(s string) string { return url.QueryEscape(s) }
