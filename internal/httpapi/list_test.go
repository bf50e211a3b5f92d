package httpapi_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

type ticketPage struct {
	Items []struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func TestListTickets(t *testing.T) {
	e := newEnv(t)
	for i := range 5 {
		e.seedTicket(fmt.Sprintf("t%d", i), "customerA")
	}
	admin := e.as("admin")

	t.Run("Paging", func(t *testing.T) {
		seen := map[int64]bool{}
		path := "/api/v1/tickets?limit=2&sort=-id"
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("paging does not end")
			}
			var pg ticketPage
			r := admin.do("GET", path, nil)
			if r.Status != http.StatusOK {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
			r.decode(t, &pg)
			for _, it := range pg.Items {
				if seen[it.ID] {
					t.Fatalf("ticket %d twice", it.ID)
				}
				seen[it.ID] = true
			}
			if pg.NextCursor == nil {
				break
			}
			path = "/api/v1/tickets?limit=2&sort=-id&cursor=" + url.QueryEscape(*pg.NextCursor)
		}
		if len(seen) != 5 {
			t.Errorf("saw %d tickets, want 5", len(seen))
		}
	})
	t.Run("NextCursorNullOnLastPage", func(t *testing.T) {
		r := admin.do("GET", "/api/v1/tickets?limit=100", nil)
		if !strings.Contains(string(r.Body), `"next_cursor":null`) {
			t.Errorf("body %s", r.Body)
		}
	})
	t.Run("BadLimit", func(t *testing.T) {
		for _, l := range []string{"0", "-1", "101", "99999999999999999999", "abc", "1.5", "%20"} {
			admin.do("GET", "/api/v1/tickets?limit="+l, nil).fieldError(t, "limit")
		}
	})
	t.Run("TamperedCursor", func(t *testing.T) {
		var pg ticketPage
		admin.do("GET", "/api/v1/tickets?limit=1", nil).decode(t, &pg)
		if pg.NextCursor == nil {
			t.Fatal("no cursor")
		}
		payload, sig, _ := strings.Cut(*pg.NextCursor, ".")
		raw, _ := base64.RawURLEncoding.DecodeString(payload)
		forged := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), `"i":`, `"i":1`, 1))) + "." + sig
		for _, c := range []string{forged, payload, "garbage", "a.b", *pg.NextCursor + "x", strings.Repeat("A", 600)} {
			admin.do("GET", "/api/v1/tickets?cursor="+url.QueryEscape(c), nil).fieldError(t, "cursor")
		}
		// A cursor is bound to its sort order and to its list.
		admin.do("GET", "/api/v1/tickets?sort=id&cursor="+url.QueryEscape(*pg.NextCursor), nil).fieldError(t, "cursor")
		admin.do("GET", "/api/v1/users?cursor="+url.QueryEscape(*pg.NextCursor), nil).fieldError(t, "cursor")
	})
	t.Run("UnknownParam", func(t *testing.T) {
		admin.do("GET", "/api/v1/tickets?stauts=open", nil).fieldError(t, "stauts")
		admin.do("GET", "/api/v1/tickets/{t0}?x=1", nil).fieldError(t, "x")
		admin.do("GET", "/api/v1/tickets?status=open&status=new", nil).fieldError(t, "status")
	})
	t.Run("Filters", func(t *testing.T) {
		var pg ticketPage
		r := admin.do("GET", "/api/v1/tickets?status=new,open&priority=normal&type=question&assignee=none&team={team}&requester={customerA}&sort=priority", nil)
		if r.Status != http.StatusOK {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
		r.decode(t, &pg)
		if len(pg.Items) != 5 {
			t.Errorf("got %d tickets, want 5", len(pg.Items))
		}
		admin.do("GET", "/api/v1/tickets?assignee=me", nil)
		admin.do("GET", "/api/v1/tickets?status=exploded", nil).fieldError(t, "status")
		admin.do("GET", "/api/v1/tickets?assignee=bob", nil).fieldError(t, "assignee")
		admin.do("GET", "/api/v1/tickets?team=-3", nil).fieldError(t, "team")
		admin.do("GET", "/api/v1/tickets?sort=subject", nil).fieldError(t, "sort")
	})
	t.Run("CustomerSeesOwnOnly", func(t *testing.T) {
		var pg ticketPage
		e.as("customerB").do("GET", "/api/v1/tickets", nil).decode(t, &pg)
		if len(pg.Items) != 0 {
			t.Errorf("customer B sees %d tickets of customer A", len(pg.Items))
		}
	})
}

func TestListUsersAndAudit(t *testing.T) {
	e := newEnv(t)
	admin := e.as("admin")
	var pg struct {
		Items      []map[string]any `json:"items"`
		NextCursor *string          `json:"next_cursor"`
	}
	r := admin.do("GET", "/api/v1/users?limit=2", nil)
	r.decode(t, &pg)
	if len(pg.Items) != 2 || pg.NextCursor == nil {
		t.Fatalf("users page: %s", r.Body)
	}
	if _, ok := pg.Items[0]["password_hash"]; ok {
		t.Error("user JSON carries the password hash")
	}
	r = admin.do("GET", "/api/v1/users?limit=2&cursor="+url.QueryEscape(*pg.NextCursor), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("users page 2: %d %s", r.Status, r.Body)
	}
	admin.do("GET", "/api/v1/users?role=wizard", nil).fieldError(t, "role")
	admin.do("GET", "/api/v1/users?active=maybe", nil).fieldError(t, "active")

	r = admin.do("GET", "/api/v1/audit?limit=1&action=auth.login", nil)
	pg.Items, pg.NextCursor = nil, nil
	r.decode(t, &pg)
	if r.Status != http.StatusOK || len(pg.Items) != 1 || pg.Items[0]["action"] != "auth.login" {
		t.Fatalf("audit: %d %s", r.Status, r.Body)
	}
	admin.do("GET", "/api/v1/audit?since=yesterday", nil).fieldError(t, "since")
	admin.do("GET", "/api/v1/audit?cursor=forged", nil).fieldError(t, "cursor")
	admin.do("GET", "/api/v1/audit?since=2020-01-01T00:00:00Z&until=2999-01-01T00:00:00Z&target_type=user", nil)
}

func TestComments(t *testing.T) {
	e := newEnv(t)
	e.seedTicket("ticketA", "customerA")
	agent := e.as("agent")
	r := agent.do("POST", "/api/v1/tickets/{ticketA}/comments", map[string]any{"body": "Internal *note*", "internal": true})
	if r.Status != http.StatusCreated {
		t.Fatalf("note: %d %s", r.Status, r.Body)
	}
	var c struct {
		ID       int64  `json:"id"`
		BodyHTML string `json:"body_html"`
	}
	r.decode(t, &c)
	if !strings.Contains(c.BodyHTML, "<em>note</em>") {
		t.Errorf("body_html = %q", c.BodyHTML)
	}
	e.IDs["note"] = c.ID
	var pg struct {
		Items []struct {
			Internal bool `json:"internal"`
		} `json:"items"`
	}
	e.as("customerA").do("GET", "/api/v1/tickets/{ticketA}/comments", nil).decode(t, &pg)
	for _, it := range pg.Items {
		if it.Internal {
			t.Error("customer sees an internal note")
		}
	}
	if r := agent.do("PATCH", "/api/v1/tickets/{ticketA}/comments/{note}", map[string]string{"body": "edited"}); r.Status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	r = agent.do("GET", "/api/v1/tickets/{ticketA}/comments/{note}/revisions", nil)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "Internal *note*") {
		t.Errorf("revisions: %d %s", r.Status, r.Body)
	}
	agent.do("GET", "/api/v1/tickets/{ticketA}/comments?limit=0", nil).fieldError(t, "limit")
}
