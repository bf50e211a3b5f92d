package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/httpapi"
)

// ticketCount returns how many tickets admin can list (up to 100).
func ticketCount(t *testing.T, c *client) int {
	t.Helper()
	var pg struct {
		Items []map[string]any `json:"items"`
	}
	r := c.do("GET", "/api/v1/tickets?limit=100", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("list tickets: %d %s", r.Status, r.Body)
	}
	r.decode(t, &pg)
	return len(pg.Items)
}

func TestStrictDecoding(t *testing.T) {
	e := newEnv(t)
	admin := e.as("admin")
	before := ticketCount(t, admin)

	t.Run("Malformed", func(t *testing.T) {
		p := admin.do("POST", "/api/v1/tickets", `{"subject": "x", "body": }`).problem(t, http.StatusBadRequest)
		if !strings.Contains(p.Detail, "byte 26") {
			t.Errorf("detail should name the position: %q", p.Detail)
		}
	})
	t.Run("Truncated", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", `{"subject": "x"`).problem(t, http.StatusBadRequest)
	})
	t.Run("UnknownField", func(t *testing.T) {
		p := admin.do("POST", "/api/v1/tickets", `{"subject": "x", "body": "y", "sneaky": 1}`).fieldError(t, "sneaky")
		if p.Errors[0].Message != "unknown field" {
			t.Errorf("message = %q", p.Errors[0].Message)
		}
	})
	t.Run("TrailingData", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", `{"subject": "x", "body": "y"} {"subject": "z"}`).problem(t, http.StatusBadRequest)
		admin.do("POST", "/api/v1/tickets", `{"subject": "x", "body": "y"} garbage`).problem(t, http.StatusBadRequest)
	})
	t.Run("WrongType", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", `{"subject": 42, "body": "y"}`).fieldError(t, "subject")
		admin.do("POST", "/api/v1/tickets", `{"subject": "x", "body": "y", "tags": "urgent"}`).fieldError(t, "tags")
		admin.do("PATCH", "/api/v1/tickets/1", `{"assignee_id": "bob"}`).fieldError(t, "assignee_id")
	})
	t.Run("NotAnObject", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", `["subject"]`).problem(t, http.StatusBadRequest)
	})
	t.Run("EmptyBody", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", "").problem(t, http.StatusBadRequest)
		admin.do("POST", "/api/v1/tickets", nil).problem(t, http.StatusBadRequest)
		admin.do("POST", "/api/v1/tickets", "   ").problem(t, http.StatusBadRequest)
	})
	t.Run("WrongContentType", func(t *testing.T) {
		c := e.as("admin")
		c.Header.Set("Content-Type", "text/plain")
		r := c.do("POST", "/api/v1/tickets", `{"subject": "x", "body": "y"}`)
		// The client's header overrides the JSON default.
		r.problem(t, http.StatusUnsupportedMediaType)
		c.Header.Set("Content-Type", "application/json; charset=latin1")
		c.do("POST", "/api/v1/tickets", `{"subject": "x", "body": "y"}`).problem(t, http.StatusUnsupportedMediaType)
	})
	t.Run("HugeSubject", func(t *testing.T) {
		big := `{"subject": "` + strings.Repeat("a", 10<<20) + `", "body": "y"}`
		r := admin.do("POST", "/api/v1/tickets", big)
		if p := r.problem(t, http.StatusRequestEntityTooLarge); p.Type != "urn:triage:problem:too_large" {
			t.Errorf("type = %q", p.Type)
		}
	})
	t.Run("HugeBodyWithoutLength", func(t *testing.T) {
		big := strings.NewReader(`{"subject": "` + strings.Repeat("a", 2<<20) + `", "body": "y"}`)
		admin.do("POST", "/api/v1/tickets", big).problem(t, http.StatusRequestEntityTooLarge)
	})
	t.Run("SubjectOverDomainLimit", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", map[string]string{"subject": strings.Repeat("a", 251), "body": "y"}).fieldError(t, "subject")
	})
	t.Run("InvalidEnum", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", map[string]string{"subject": "x", "body": "y", "priority": "catastrophic"}).fieldError(t, "priority")
		admin.do("POST", "/api/v1/tickets", map[string]string{"subject": "x", "body": "y", "status": "exploded"}).fieldError(t, "status")
	})
	t.Run("ForeignID", func(t *testing.T) {
		admin.do("POST", "/api/v1/tickets", map[string]any{"subject": "x", "body": "y", "assignee_id": 999999}).fieldError(t, "assignee_id")
		admin.do("POST", "/api/v1/tickets", map[string]any{"subject": "x", "body": "y", "team_id": 999999}).fieldError(t, "team_id")
		admin.do("POST", "/api/v1/tickets", map[string]any{"subject": "x", "body": "y", "requester_id": 999999}).fieldError(t, "requester_id")
	})
	t.Run("CustomerSetsStaffField", func(t *testing.T) {
		e.as("customerA").do("POST", "/api/v1/tickets", map[string]any{"subject": "x", "body": "y", "priority": "urgent"}).fieldError(t, "priority")
	})
	if after := ticketCount(t, admin); after != before {
		t.Errorf("refused requests created tickets: %d before, %d after", before, after)
	}
}

func TestBodyLimitConfigurable(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config) { c.MaxBodyBytes = 200 })
	body := `{"subject": "` + strings.Repeat("a", 300) + `", "body": "y"}`
	e.as("admin").do("POST", "/api/v1/tickets", body).problem(t, http.StatusRequestEntityTooLarge)
}

func TestPatchTicket(t *testing.T) {
	e := newEnv(t)
	e.seedTicket("ticketA", "customerA")
	admin := e.as("admin")
	var tk struct {
		AssigneeID *int64   `json:"assignee_id"`
		TeamID     *int64   `json:"team_id"`
		Priority   string   `json:"priority"`
		Tags       []string `json:"tags"`
	}

	r := admin.do("PATCH", "/api/v1/tickets/{ticketA}", map[string]any{"assignee_id": e.IDs["agent"], "priority": "high"})
	r.decode(t, &tk)
	if r.Status != http.StatusOK || tk.AssigneeID == nil || *tk.AssigneeID != e.IDs["agent"] || tk.Priority != "high" {
		t.Fatalf("assign: %d %s", r.Status, r.Body)
	}
	// Absent fields stay as they are.
	r = admin.do("PATCH", "/api/v1/tickets/{ticketA}", map[string]any{"tags": []string{"Billing"}})
	tk.AssigneeID = nil
	r.decode(t, &tk)
	if tk.AssigneeID == nil || tk.TeamID == nil || len(tk.Tags) != 1 || tk.Tags[0] != "billing" {
		t.Fatalf("absent fields changed: %s", r.Body)
	}
	// Null clears assignee and team.
	r = admin.do("PATCH", "/api/v1/tickets/{ticketA}", `{"assignee_id": null, "team_id": null}`)
	r.decode(t, &tk)
	if r.Status != http.StatusOK || tk.AssigneeID != nil || tk.TeamID != nil {
		t.Fatalf("null did not clear: %d %s", r.Status, r.Body)
	}
	// Null is refused where nothing can be cleared.
	admin.do("PATCH", "/api/v1/tickets/{ticketA}", `{"priority": null}`).fieldError(t, "priority")
	// An empty patch changes nothing and says so.
	admin.do("PATCH", "/api/v1/tickets/{ticketA}", `{}`).problem(t, http.StatusBadRequest)
	admin.do("PATCH", "/api/v1/tickets/{ticketA}", map[string]any{"assignee_id": 999999}).fieldError(t, "assignee_id")
}
