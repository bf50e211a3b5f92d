package service_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// TestParseQuery checks how each kind of term lands in the filter the
// stores run: resolution of people and teams, negation, value lists,
// dates in the searcher's time zone, and contradictions.
func TestParseQuery(t *testing.T) {
	svc, _, f := newTestService(t)
	admin := f.admin("Ada")
	agent := f.agent("Bo")
	cust := f.customer("Cy")
	billing := f.team(admin, "Billing", agent)
	second := f.team(admin, "Second line")
	paris := *admin
	u := *admin.User
	u.TimeZone = "Europe/Paris"
	paris.User = &u
	// The clock is 2025-03-14 09:26:53 UTC.
	day := func(y int, m time.Month, d int, loc *time.Location) *time.Time {
		v := time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()
		return &v
	}
	parisLoc, _ := time.LoadLocation("Europe/Paris")

	cases := []struct {
		name  string
		who   *helpdesk.Principal
		q     string
		check func(t *testing.T, got helpdesk.TicketFilter)
	}{
		{"words, phrases and negated words", admin, `printer "paper jam" -toner`, func(t *testing.T, got helpdesk.TicketFilter) {
			want := []helpdesk.TextTerm{{Text: "printer"}, {Text: "paper jam", Phrase: true}, {Text: "toner", Negated: true}}
			if !slices.Equal(got.Text, want) {
				t.Errorf("text %+v, want %+v", got.Text, want)
			}
		}},
		{"punctuation alone is no word", admin, `!! ...`, func(t *testing.T, got helpdesk.TicketFilter) {
			if len(got.Text) != 0 {
				t.Errorf("text %+v, want none", got.Text)
			}
		}},
		{"a value list is any of them", admin, "status:open,pending", func(t *testing.T, got helpdesk.TicketFilter) {
			if !slices.Equal(got.Statuses, []helpdesk.Status{"open", "pending"}) {
				t.Errorf("statuses %v", got.Statuses)
			}
		}},
		{"a negated enum keeps the others", admin, "-status:solved,closed", func(t *testing.T, got helpdesk.TicketFilter) {
			if !slices.Equal(got.Statuses, []helpdesk.Status{"new", "open", "pending", "on_hold"}) {
				t.Errorf("statuses %v", got.Statuses)
			}
		}},
		{"two terms on a field both apply", admin, "priority:high,urgent -priority:urgent", func(t *testing.T, got helpdesk.TicketFilter) {
			if !slices.Equal(got.Priorities, []helpdesk.Priority{"high"}) {
				t.Errorf("priorities %v", got.Priorities)
			}
		}},
		{"me, none and emails", agent, "assignee:me,none requester:" + cust.User.Email, func(t *testing.T, got helpdesk.TicketFilter) {
			if !slices.Equal(got.AssigneeIDs, []int64{agent.User.ID}) || !got.Unassigned {
				t.Errorf("assignees %v unassigned %v", got.AssigneeIDs, got.Unassigned)
			}
			if !slices.Equal(got.RequesterIDs, []int64{cust.User.ID}) {
				t.Errorf("requesters %v", got.RequesterIDs)
			}
		}},
		{"an unknown email matches nobody", admin, "assignee:ghost@example.com", func(t *testing.T, got helpdesk.TicketFilter) {
			if !slices.Equal(got.AssigneeIDs, []int64{-1}) || got.Unassigned {
				t.Errorf("assignees %v", got.AssigneeIDs)
			}
		}},
		{"negated people", admin, "-assignee:none -requester:me", func(t *testing.T, got helpdesk.TicketFilter) {
			if !got.Assigned || !slices.Equal(got.NotRequesterIDs, []int64{admin.User.ID}) {
				t.Errorf("assigned %v not requesters %v", got.Assigned, got.NotRequesterIDs)
			}
		}},
		{"team names in any case, quoted with spaces", admin, `team:billing,"SECOND LINE"`, func(t *testing.T, got helpdesk.TicketFilter) {
			want := []int64{billing.ID, second.ID}
			slices.Sort(want)
			if !slices.Equal(got.TeamIDs, want) {
				t.Errorf("teams %v, want %v", got.TeamIDs, want)
			}
		}},
		{"team:mine", agent, "team:mine", func(t *testing.T, got helpdesk.TicketFilter) {
			if !slices.Contains(got.TeamIDs, billing.ID) || slices.Contains(got.TeamIDs, second.ID) {
				t.Errorf("teams %v", got.TeamIDs)
			}
		}},
		{"tags", admin, "tag:vip -tag:spam,junk tag:a,b", func(t *testing.T, got helpdesk.TicketFilter) {
			if got.Tag != "vip" || !slices.Equal(got.NotTags, []string{"junk", "spam"}) || !slices.Equal(got.AnyTags, []string{"a", "b"}) {
				t.Errorf("tag %q not %v any %v", got.Tag, got.NotTags, got.AnyTags)
			}
		}},
		{"a date is its whole day, in UTC by default", admin, "created:2025-03-01", func(t *testing.T, got helpdesk.TicketFilter) {
			if !got.Created.From.Equal(*day(2025, 3, 1, time.UTC)) || !got.Created.To.Equal(*day(2025, 3, 2, time.UTC)) {
				t.Errorf("created %v..%v", got.Created.From, got.Created.To)
			}
		}},
		{"dates are read in the searcher's time zone", &paris, "created>=2025-03", func(t *testing.T, got helpdesk.TicketFilter) {
			if !got.Created.From.Equal(*day(2025, 3, 1, parisLoc)) || got.Created.To != nil {
				t.Errorf("created %v..%v", got.Created.From, got.Created.To)
			}
		}},
		{"an age counts back from now", admin, "updated<7d", func(t *testing.T, got helpdesk.TicketFilter) {
			want := time.Date(2025, 3, 7, 9, 26, 53, 589793000, time.UTC)
			if got.Updated.From == nil || !got.Updated.From.Equal(want) || got.Updated.To != nil {
				t.Errorf("updated %v..%v, want from %v", got.Updated.From, got.Updated.To, want)
			}
		}},
		{"a negated comparison is its complement", admin, "-created<2025-01-01", func(t *testing.T, got helpdesk.TicketFilter) {
			if !got.Created.From.Equal(*day(2025, 1, 1, time.UTC)) || got.Created.To != nil {
				t.Errorf("created %v..%v", got.Created.From, got.Created.To)
			}
		}},
		// Unsolved tickets have no solved time, so no comparison keeps them.
		{"solved with an open end", admin, "solved<2025-01-01", func(t *testing.T, got helpdesk.TicketFilter) {
			if got.Solved.From != nil || got.Solved.To == nil {
				t.Errorf("solved %v..%v", got.Solved.From, got.Solved.To)
			}
		}},
		{"sort", admin, "sort:-priority", func(t *testing.T, got helpdesk.TicketFilter) {
			if got.Sort != helpdesk.SortPriorityDesc {
				t.Errorf("sort %q", got.Sort)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, none, err := svc.ParseQuery(t.Context(), c.who, c.q, helpdesk.TicketFilter{})
			if err != nil || none {
				t.Fatalf("ParseQuery(%q): %v", c.q, err)
			}
			c.check(t, got)
		})
	}

	t.Run("contradictions match nothing", func(t *testing.T) {
		for _, q := range []string{"status:open status:closed", "assignee:me assignee:none", "created>2025-03 created<2025-02"} {
			if _, none, err := svc.ParseQuery(t.Context(), admin, q, helpdesk.TicketFilter{}); err != nil || !none {
				t.Errorf("ParseQuery(%q): none %v, %v; want a query that matches nothing", q, none, err)
			}
			hits, _, err := svc.SearchTickets(t.Context(), admin, q, helpdesk.TicketFilter{})
			if err != nil || len(hits) != 0 {
				t.Errorf("%q: %d hits, %v", q, len(hits), err)
			}
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, c := range []struct {
			who  *helpdesk.Principal
			q    string
			want string
		}{
			{admin, "stauts:open", "at 0: "},
			{admin, "team:Nowhere", "no team"},
			{admin, "created:2025-01..2025-03 -created:2025-01..2025-02", "cannot be negated"},
			{admin, "tag:a tag:b tag:c,d tag:e,f", "one tag"},
			{cust, "tag:vip", "for staff"},
			{cust, "team:billing", "for staff"},
		} {
			_, _, err := svc.ParseQuery(t.Context(), c.who, c.q, helpdesk.TicketFilter{})
			wantFields(t, err, "q")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%q: error %v, want it to say %q", c.q, err, c.want)
			}
		}
	})
	t.Run("list parameters and the query narrow each other", func(t *testing.T) {
		got, none, err := svc.ParseQuery(t.Context(), admin, "assignee:me,none", helpdesk.TicketFilter{Unassigned: true})
		if err != nil || none || len(got.AssigneeIDs) != 0 || !got.Unassigned {
			t.Errorf("assignee=none and assignee:me,none: ids %v unassigned %v (%v)", got.AssigneeIDs, got.Unassigned, err)
		}
	})
}
