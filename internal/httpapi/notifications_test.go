package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/httpapi"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/service"
)

func TestNotificationCenter(t *testing.T) {
	e := newEnv(t)
	tk := e.seedTicket("ticket", "customerA")
	agentID := e.Users["agent"].ID
	var ids []int64
	for i := range 3 {
		n := &helpdesk.Notification{UserID: agentID, Kind: helpdesk.NotifyCustomerReply, TicketID: tk.ID,
			ActorID: &e.Users["customerA"].ID, DedupeKey: fmt.Sprint("t", i), CreatedAt: time.Now().UTC().Truncate(time.Microsecond)}
		if err := e.Store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
			_, err := tx.CreateNotification(ctx, n)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.ID)
	}
	agent := e.as("agent")
	var count struct{ Count int }
	agent.do("GET", "/api/v1/notifications/unread-count", nil).decode(t, &count)
	if count.Count != 3 {
		t.Fatalf("unread = %d, want 3", count.Count)
	}
	var pg struct {
		Items []struct {
			ID            int64
			Kind          string
			TicketSubject string `json:"ticket_subject"`
			Actor         *struct{ Name string }
			ReadAt        *time.Time `json:"read_at"`
		}
		NextCursor *string `json:"next_cursor"`
	}
	agent.do("GET", "/api/v1/notifications?limit=2", nil).decode(t, &pg)
	if len(pg.Items) != 2 || pg.Items[0].ID != ids[2] || pg.Items[0].TicketSubject != tk.Subject ||
		pg.Items[0].Actor == nil || pg.Items[0].Actor.Name != "customerA" || pg.NextCursor == nil {
		t.Fatalf("first page %+v", pg)
	}
	next := *pg.NextCursor
	pg.Items, pg.NextCursor = nil, nil
	agent.do("GET", "/api/v1/notifications?limit=2&cursor="+next, nil).decode(t, &pg)
	if len(pg.Items) != 1 || pg.Items[0].ID != ids[0] {
		t.Fatalf("second page %+v", pg)
	}

	// Someone else's notification is not found, and stays unread.
	if r := e.as("outsider").do("POST", fmt.Sprintf("/api/v1/notifications/%d/read", ids[0]), nil); r.Status != http.StatusNotFound {
		t.Fatalf("outsider marking the agent's notification: %d", r.Status)
	}
	if r := agent.do("POST", fmt.Sprintf("/api/v1/notifications/%d/read", ids[0]), nil); r.Status != http.StatusNoContent {
		t.Fatalf("mark read: %d %s", r.Status, r.Body)
	}
	agent.do("GET", "/api/v1/notifications/unread-count", nil).decode(t, &count)
	if count.Count != 2 {
		t.Fatalf("unread after one read = %d, want 2", count.Count)
	}
	var upd struct{ Updated int }
	agent.do("POST", "/api/v1/notifications/read-all", nil).decode(t, &upd)
	agent.do("GET", "/api/v1/notifications/unread-count", nil).decode(t, &count)
	if upd.Updated != 2 || count.Count != 0 {
		t.Fatalf("read-all updated %d, unread now %d", upd.Updated, count.Count)
	}
	pg.Items = nil
	agent.do("GET", "/api/v1/notifications?unread=true", nil).decode(t, &pg)
	if len(pg.Items) != 0 {
		t.Fatalf("unread list after read-all: %+v", pg.Items)
	}
}

func TestPreferencesAndUnsubscribe(t *testing.T) {
	key, err := service.UnsubscribeKey([]byte("a test secret that is at least 32 bytes long"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(c *httpapi.Config) { c.UnsubscribeKey = key })
	cust := e.as("customerA")
	var prefs map[string]bool
	cust.do("GET", "/api/v1/me/preferences", nil).decode(t, &prefs)
	if !prefs["email_ticket_replies"] || len(prefs) != 5 {
		t.Fatalf("default preferences %v", prefs)
	}
	// The one-click POST a mail client sends (RFC 8058), without a session.
	token := mail.UnsubscribeToken(key, e.Users["customerA"].ID, "email_ticket_replies")
	r := e.anon().do("POST", "/api/v1/unsubscribe?token="+token, "List-Unsubscribe=One-Click")
	if r.Status != http.StatusOK {
		t.Fatalf("unsubscribe: %d %s", r.Status, r.Body)
	}
	cust.do("GET", "/api/v1/me/preferences", nil).decode(t, &prefs)
	if prefs["email_ticket_replies"] {
		t.Fatalf("still subscribed after one-click unsubscribe: %v", prefs)
	}
	// A token for another key is refused and changes nothing.
	other := mail.UnsubscribeToken([]byte("another key, 32 bytes long......"), e.Users["customerB"].ID, "email_ticket_replies")
	if r := e.anon().do("POST", "/api/v1/unsubscribe?token="+other, nil); r.Status != http.StatusBadRequest {
		t.Fatalf("forged token: %d", r.Status)
	}
	var b map[string]bool
	e.as("customerB").do("GET", "/api/v1/me/preferences", nil).decode(t, &b)
	if !b["email_ticket_replies"] {
		t.Fatal("a forged token unsubscribed customerB")
	}
	// Saving every topic back.
	r = cust.do("PUT", "/api/v1/me/preferences", allPrefs)
	if r.Status != http.StatusOK {
		t.Fatalf("put preferences: %d %s", r.Status, r.Body)
	}
	cust.do("GET", "/api/v1/me/preferences", nil).decode(t, &prefs)
	if !prefs["email_ticket_replies"] {
		t.Fatalf("preferences not saved: %v", prefs)
	}
}

type apiTestJob struct{}

func (apiTestJob) Kind() string { return "api_test_job" }

func TestAdminJobs(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open(t))
			if err := e.Store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
				return tx.EnqueueJob(ctx, apiTestJob{}, nil)
			}); err != nil {
				t.Fatal(err)
			}
			admin := e.as("admin")
			type job struct {
				ID    int64
				Kind  string
				State string
			}
			var pg struct{ Items []job }
			admin.do("GET", "/api/v1/admin/jobs?state=available", nil).decode(t, &pg)
			if len(pg.Items) != 1 || pg.Items[0].Kind != "api_test_job" {
				t.Fatalf("available jobs %+v", pg.Items)
			}
			id := pg.Items[0].ID
			// By default the page shows jobs that need an admin: none yet.
			pg.Items = nil
			admin.do("GET", "/api/v1/admin/jobs", nil).decode(t, &pg)
			if len(pg.Items) != 0 {
				t.Fatalf("default listing %+v, want no failed jobs", pg.Items)
			}
			if r := admin.do("POST", fmt.Sprintf("/api/v1/admin/jobs/%d/discard", id), nil); r.Status != http.StatusNoContent {
				t.Fatalf("discard: %d %s", r.Status, r.Body)
			}
			pg.Items = nil
			admin.do("GET", "/api/v1/admin/jobs?state=cancelled", nil).decode(t, &pg)
			if len(pg.Items) != 1 || pg.Items[0].ID != id {
				t.Fatalf("cancelled jobs %+v", pg.Items)
			}
			var j job
			admin.do("POST", fmt.Sprintf("/api/v1/admin/jobs/%d/retry", id), nil).decode(t, &j)
			if j.ID != id || j.State != "available" {
				t.Fatalf("retried job %+v", j)
			}
			if n := len(e.auditActions(t, "job.")); n != 2 {
				t.Fatalf("%d job audit entries, want 2", n)
			}
			if r := e.as("agent").do("GET", "/api/v1/admin/jobs", nil); r.Status != http.StatusForbidden {
				t.Fatalf("agent listing jobs: %d", r.Status)
			}
		})
	}
}

// auditActions returns the actions of audit entries starting with prefix.
func (e *testEnv) auditActions(t *testing.T, prefix string) []string {
	t.Helper()
	entries, err := e.Store.ListAudit(context.Background(), helpdesk.AuditFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range entries {
		if strings.HasPrefix(a.Action, prefix) {
			out = append(out, a.Action)
		}
	}
	return out
}
