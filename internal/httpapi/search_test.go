package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

type searchPage struct {
	Items []struct {
		ID      int64             `json:"id"`
		Status  string            `json:"status"`
		Subject string            `json:"subject"`
		Tags    []string          `json:"tags"`
		Snippet *helpdesk.Snippet `json:"snippet"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func (p searchPage) ids() []int64 {
	out := []int64{}
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	return out
}

func search(tb testing.TB, c *client, q string, extra ...string) searchPage {
	tb.Helper()
	path := "/api/v1/tickets?q=" + url.QueryEscape(q)
	for _, x := range extra {
		path += "&" + x
	}
	r := c.do("GET", path, nil)
	if r.Status != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, r.Status, r.Body)
	}
	var pg searchPage
	r.decode(tb, &pg)
	return pg
}

// searchEnv adds, to the usual users, tickets whose words tell the search
// rules apart: "kumquat" is only ever written in internal notes.
func searchEnv(t *testing.T, store helpdesk.Store) (*testEnv, map[string]int64) {
	e := newEnvOn(t, store)
	ctx := context.Background()
	admin := e.principal("admin")
	ids := map[string]int64{}
	open := func(key, customer, subject, body string, tags ...string) {
		req := e.Users[customer].ID
		tk, err := e.Svc.CreateTicket(ctx, admin, service.NewTicket{Subject: subject, Body: body, RequesterID: &req, Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		ids[key] = tk.ID
	}
	note := func(key, body string) {
		if _, err := e.Svc.AddComment(ctx, admin, ids[key], body, true); err != nil {
			t.Fatal(err)
		}
	}
	open("jam", "customerA", "Printer jams on tray two", "The printer says paper jam every morning.", "hardware")
	note("jam", "kumquat: escalate to the vendor")
	open("invoice", "customerB", "Invoice missing", "Please send a copy of the invoice.", "billing")
	note("invoice", "the printer in their office is broken too, kumquat")
	open("login", "customerA", "Login fails", "I cannot log in since Monday <script>alert(1)</script>.", "spam")
	for i := range 7 {
		open(fmt.Sprintf("bulk%d", i), "customerB", fmt.Sprintf("Toner order %d", i), "Need more toner for the printer.")
	}
	return e, ids
}

func TestSearchTickets(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e, ids := searchEnv(t, eng.open(t))
			admin, custA, custB := e.as("admin"), e.as("customerA"), e.as("customerB")

			t.Run("WordsFindTicketsWithSnippets", func(t *testing.T) {
				pg := search(t, admin, `"paper jam"`)
				if len(pg.Items) != 1 || pg.Items[0].ID != ids["jam"] {
					t.Fatalf("paper jam: got %v", pg.ids())
				}
				sn := pg.Items[0].Snippet
				if sn == nil || sn.In != "conversation" {
					t.Fatalf("snippet %+v", sn)
				}
				var hits []string
				for _, p := range sn.Parts {
					if p.Hit {
						hits = append(hits, strings.ToLower(p.Text))
					}
				}
				if strings.Join(hits, " ") != "paper jam" {
					t.Errorf("hits %v, want paper jam marked", hits)
				}
			})
			t.Run("InternalNotesAreStaffOnly", func(t *testing.T) {
				pg := search(t, admin, "kumquat")
				if len(pg.Items) != 2 {
					t.Fatalf("admin kumquat: got %v", pg.ids())
				}
				for _, it := range pg.Items {
					if it.Snippet == nil || it.Snippet.In != "internal_note" {
						t.Errorf("ticket %d: snippet %+v, want an internal note", it.ID, it.Snippet)
					}
				}
				for _, c := range []*client{custA, custB} {
					if pg := search(t, c, "kumquat"); len(pg.Items) != 0 {
						t.Errorf("a customer found internal-note text: %v", pg.ids())
					}
					r := c.do("GET", "/api/v1/tickets/count?q=kumquat", nil)
					if !strings.Contains(string(r.Body), `"count":0`) {
						t.Errorf("customer count for an internal word: %s", r.Body)
					}
				}
				// The word printer is in customer B's internal note only on
				// the invoice ticket: B finds the toner tickets, never that
				// one, and no snippet of any note.
				pg = search(t, custB, "printer", "limit=100")
				for _, it := range pg.Items {
					if it.ID == ids["invoice"] {
						t.Errorf("customer B matched the invoice ticket through its internal note")
					}
					if it.Snippet != nil && it.Snippet.In == "internal_note" {
						t.Errorf("customer got an internal-note snippet: %+v", it.Snippet)
					}
				}
				if len(pg.Items) != 7 {
					t.Errorf("customer B printer: %d tickets, want the 7 toner tickets", len(pg.Items))
				}
				if pg := search(t, custA, "toner"); len(pg.Items) != 0 {
					t.Errorf("customer A found customer B's tickets: %v", pg.ids())
				}
			})
			t.Run("FiltersAndNegation", func(t *testing.T) {
				pg := search(t, admin, "printer -tag:hardware -toner")
				if got := pg.ids(); len(got) != 1 || got[0] != ids["invoice"] {
					t.Errorf("printer -tag:hardware -toner: got %v, want the invoice ticket", got)
				}
				pg = search(t, admin, "requester:customera@example.com sort:created")
				if got := pg.ids(); len(got) != 2 || got[0] != ids["jam"] || got[1] != ids["login"] {
					t.Errorf("requester, oldest first: got %v", got)
				}
				if pg := search(t, admin, "requester:nobody@example.com"); len(pg.Items) != 0 {
					t.Errorf("an unknown email matches nothing, got %v", pg.ids())
				}
				if pg := search(t, admin, "status:open status:closed"); len(pg.Items) != 0 {
					t.Errorf("contradiction: got %v", pg.ids())
				}
				if pg := search(t, admin, "tag:billing", "status=new"); len(pg.Items) != 1 {
					t.Errorf("q and list parameters together: got %v", pg.ids())
				}
			})
			t.Run("RelevancePagesWithoutGapsOrRepeats", func(t *testing.T) {
				seen := map[int64]bool{}
				pg := search(t, admin, "printer", "limit=3")
				for pages := 0; ; pages++ {
					for _, id := range pg.ids() {
						if seen[id] {
							t.Fatalf("ticket %d twice", id)
						}
						seen[id] = true
					}
					if pg.NextCursor == nil || pages > 10 {
						break
					}
					pg = search(t, admin, "printer", "limit=3", "cursor="+url.QueryEscape(*pg.NextCursor))
				}
				if len(seen) != 9 {
					t.Errorf("printer over pages: %d tickets, want 9", len(seen))
				}
				first := search(t, admin, "printer", "limit=9").ids()
				if first[0] != ids["jam"] {
					t.Errorf("best match first: got %v, want the ticket with printer in subject and body (%d) first", first, ids["jam"])
				}
			})
			t.Run("BadQueries", func(t *testing.T) {
				for _, q := range []string{"stauts:open", "status:opne", "created>tomorrowish", `"unclosed`, "sort:color",
					strings.Repeat("x ", 600)} {
					p := admin.do("GET", "/api/v1/tickets?q="+url.QueryEscape(q), nil).fieldError(t, "q")
					if !strings.HasPrefix(p.Errors[0].Message, "at ") {
						t.Errorf("%q: message %q does not give the position", q, p.Errors[0].Message)
					}
				}
				custA.do("GET", "/api/v1/tickets?q="+url.QueryEscape("tag:spam"), nil).fieldError(t, "q")
				custA.do("GET", "/api/v1/tickets?q="+url.QueryEscape("team:Support"), nil).fieldError(t, "q")
				admin.do("GET", "/api/v1/tickets?q="+url.QueryEscape("team:Nonexistent"), nil).fieldError(t, "q")
				admin.do("GET", "/api/v1/tickets?q=status:open&sort=relevance", nil).fieldError(t, "sort")
			})
			t.Run("OddTextIsJustText", func(t *testing.T) {
				for _, q := range []string{`NEAR(printer jam)`, `printer*`, `{subject}:x`, `'; DROP TABLE tickets; -x`,
					`!!`, `&|`, `<script>`} {
					r := admin.do("GET", "/api/v1/tickets?q="+url.QueryEscape(q), nil)
					if r.Status != http.StatusOK {
						t.Errorf("%q: %d %s", q, r.Status, r.Body)
					}
				}
				pg := search(t, admin, "script alert")
				if len(pg.Items) != 1 || pg.Items[0].Snippet == nil {
					t.Fatalf("script alert: %+v", pg.Items)
				}
			})
			t.Run("Facets", func(t *testing.T) {
				var f service.Facets
				r := admin.do("GET", "/api/v1/tickets/facets?q=printer", nil)
				r.decode(t, &f)
				total := 0
				for _, v := range f.Status {
					total += v.Count
				}
				if total != 9 || f.Scope != "all" || len(f.Priority) != 4 {
					t.Errorf("facets of printer: %+v", f)
				}
				r = admin.do("GET", "/api/v1/tickets/facets?q="+url.QueryEscape("tag:billing"), nil)
				r.decode(t, &f)
				if len(f.Assignee) != 1 || f.Assignee[0].Value != "none" || f.Assignee[0].Count != 1 {
					t.Errorf("assignee facet of tag:billing: %+v", f.Assignee)
				}
				custA.do("GET", "/api/v1/tickets/facets?q=printer", nil).problem(t, http.StatusForbidden)
			})
		})
	}
}
