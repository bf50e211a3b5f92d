package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

// countingStore counts the user lookups a response makes.
type countingStore struct {
	helpdesk.Store
	byIDs, byID atomic.Int64
}

func (s *countingStore) ListUsersByIDs(ctx context.Context, ids []int64) ([]*helpdesk.User, error) {
	s.byIDs.Add(1)
	return s.Store.ListUsersByIDs(ctx, ids)
}

func (s *countingStore) FindUserByID(ctx context.Context, id int64) (*helpdesk.User, error) {
	s.byID.Add(1)
	return s.Store.FindUserByID(ctx, id)
}

// object decodes a JSON object into raw fields, to check which keys a
// response has.
func object(tb testing.TB, b []byte) map[string]json.RawMessage {
	tb.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatalf("decode %s: %v", b, err)
	}
	return m
}

// items decodes a page or list's items into raw objects.
func items(tb testing.TB, b []byte) []map[string]json.RawMessage {
	tb.Helper()
	var pg struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(b, &pg); err != nil {
		tb.Fatalf("decode %s: %v", b, err)
	}
	return pg.Items
}

func keys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// checkTicketShape checks one ticket object as the caller must see it:
// customers get no tags or team_id and no requester email; staff get both
// fields and the requester's email. assignee is {id, name} or null.
func checkTicketShape(tb testing.TB, e *testEnv, staff bool, tk map[string]json.RawMessage) {
	tb.Helper()
	want := []string{"assignee", "assignee_id", "created_at", "first_response_at", "id", "priority", "requester",
		"requester_id", "solved_at", "status", "subject", "type", "updated_at"}
	if staff {
		want = append(want, "tags", "team_id")
		slices.Sort(want)
	}
	if got := keys(tk); !slices.Equal(got, want) {
		tb.Errorf("ticket keys (staff %v):\n got %v\nwant %v", staff, got, want)
	}
	var requesterID int64
	var requester map[string]any
	json.Unmarshal(tk["requester_id"], &requesterID)
	if err := json.Unmarshal(tk["requester"], &requester); err != nil {
		tb.Fatalf("requester %s: %v", tk["requester"], err)
	}
	var u *helpdesk.User
	for _, fu := range e.Users {
		if fu.ID == requesterID {
			u = fu
		}
	}
	if u == nil {
		tb.Fatalf("requester %d is no fixture user", requesterID)
	}
	wantReq := map[string]any{"id": float64(u.ID), "name": u.Name}
	if staff {
		wantReq["email"] = u.Email
	}
	if !mapsEqual(requester, wantReq) {
		tb.Errorf("requester (staff %v): got %v, want %v", staff, requester, wantReq)
	}
	var assigneeID *int64
	json.Unmarshal(tk["assignee_id"], &assigneeID)
	if assigneeID == nil {
		if string(tk["assignee"]) != "null" {
			tb.Errorf("unassigned ticket: assignee %s, want null", tk["assignee"])
		}
		return
	}
	var assignee map[string]any
	json.Unmarshal(tk["assignee"], &assignee)
	var name string
	for _, fu := range e.Users {
		if fu.ID == *assigneeID {
			name = fu.Name
		}
	}
	if want := map[string]any{"id": float64(*assigneeID), "name": name}; !mapsEqual(assignee, want) {
		tb.Errorf("assignee: got %v, want %v", assignee, want)
	}
}

func mapsEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTicketShapes(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			cs := &countingStore{Store: eng.open(t)}
			e := newEnvOn(t, cs)
			e.seedTicket("ticketA", "customerA")
			e.seedTicket("ticketA2", "customerA")
			agent, cust := e.as("agent"), e.as("customerA")
			r := agent.do("PATCH", "/api/v1/tickets/{ticketA}", map[string]any{"assignee_id": e.IDs["agent"], "tags": []string{"vip"}})
			if r.Status != http.StatusOK {
				t.Fatalf("assign: %d %s", r.Status, r.Body)
			}
			checkTicketShape(t, e, true, object(t, r.Body))
			if m := object(t, r.Body); string(m["tags"]) != `["vip"]` || string(m["team_id"]) != itoa(e.IDs["team"]) {
				t.Errorf("staff ticket: tags %s team_id %s", m["tags"], m["team_id"])
			}

			for _, c := range []struct {
				name  string
				staff bool
				cl    *client
			}{{"Agent", true, agent}, {"Customer", false, cust}, {"Admin", true, e.as("admin")}} {
				t.Run(c.name, func(t *testing.T) {
					r := c.cl.do("GET", "/api/v1/tickets/{ticketA}", nil)
					checkTicketShape(t, e, c.staff, object(t, r.Body))
					r = c.cl.do("GET", "/api/v1/tickets?sort=id", nil)
					list := items(t, r.Body)
					if len(list) < 2 {
						t.Fatalf("list: %s", r.Body)
					}
					for _, it := range list {
						checkTicketShape(t, e, c.staff, it)
					}
					if c.staff {
						if string(list[1]["tags"]) != `[]` || string(list[1]["assignee"]) != "null" {
							t.Errorf("untagged, unassigned ticket: tags %s assignee %s", list[1]["tags"], list[1]["assignee"])
						}
					}
					body := map[string]any{"subject": "Shape", "body": "Shape check."}
					if c.staff {
						body["requester_id"] = e.IDs["customerA"]
					}
					r = c.cl.do("POST", "/api/v1/tickets", body)
					if r.Status != http.StatusCreated {
						t.Fatalf("create: %d %s", r.Status, r.Body)
					}
					checkTicketShape(t, e, c.staff, object(t, r.Body))
				})
			}
			t.Run("CustomerPatch", func(t *testing.T) {
				r := cust.do("PATCH", "/api/v1/tickets/{ticketA}", map[string]string{"status": "solved"})
				if r.Status != http.StatusOK {
					t.Fatalf("solve: %d %s", r.Status, r.Body)
				}
				checkTicketShape(t, e, false, object(t, r.Body))
			})
			t.Run("OneUserLookupPerResponse", func(t *testing.T) {
				for range 6 {
					e.seedTicket("more", "customerB")
				}
				admin := e.as("admin")
				before, beforeOne := cs.byIDs.Load(), cs.byID.Load()
				r := admin.do("GET", "/api/v1/tickets?limit=100", nil)
				if n := len(items(t, r.Body)); n < 8 {
					t.Fatalf("listed %d tickets", n)
				}
				if got := cs.byIDs.Load() - before; got != 1 {
					t.Errorf("ListUsersByIDs calls for one list: %d, want 1", got)
				}
				// Authentication may load the caller; rows must not.
				if got := cs.byID.Load() - beforeOne; got > 1 {
					t.Errorf("FindUserByID calls for one list: %d", got)
				}
			})
		})
	}
}

func TestCommentAuthors(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			cs := &countingStore{Store: eng.open(t)}
			e := newEnvOn(t, cs)
			e.seedTicket("ticketA", "customerA")
			agent, cust := e.as("agent"), e.as("customerA")
			r := agent.do("POST", "/api/v1/tickets/{ticketA}/comments", map[string]any{"body": "Looking into it."})
			if r.Status != http.StatusCreated {
				t.Fatalf("reply: %d %s", r.Status, r.Body)
			}
			checkAuthor(t, object(t, r.Body), e.Users["agent"])
			var c struct {
				ID int64 `json:"id"`
			}
			r.decode(t, &c)
			e.IDs["reply"] = c.ID
			r = agent.do("PATCH", "/api/v1/tickets/{ticketA}/comments/{reply}", map[string]any{"body": "Fixed typo."})
			if r.Status != http.StatusOK {
				t.Fatalf("edit: %d %s", r.Status, r.Body)
			}
			checkAuthor(t, object(t, r.Body), e.Users["agent"])

			before := cs.byIDs.Load()
			r = cust.do("GET", "/api/v1/tickets/{ticketA}/comments", nil)
			list := items(t, r.Body)
			if len(list) != 2 {
				t.Fatalf("comments: %s", r.Body)
			}
			// The first comment is the ticket's body, posted by the admin
			// for customerA (the requester is not the author).
			checkAuthor(t, list[0], e.Users["admin"])
			checkAuthor(t, list[1], e.Users["agent"])
			if got := cs.byIDs.Load() - before; got != 1 {
				t.Errorf("ListUsersByIDs calls for one comment page: %d, want 1", got)
			}
		})
	}
}

func checkAuthor(tb testing.TB, c map[string]json.RawMessage, u *helpdesk.User) {
	tb.Helper()
	var a map[string]any
	if err := json.Unmarshal(c["author"], &a); err != nil {
		tb.Fatalf("author %s: %v", c["author"], err)
	}
	want := map[string]any{"id": float64(u.ID), "name": u.Name, "role": string(u.Role)}
	if !mapsEqual(a, want) {
		tb.Errorf("author: got %v, want %v", a, want)
	}
	if _, ok := c["author_id"]; !ok {
		tb.Errorf("comment lost author_id: %v", keys(c))
	}
}
