package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func searchTests() []test {
	return []test{
		{"SearchVisibility", testSearchVisibility},
		{"SearchTerms", testSearchTerms},
		{"SearchFilters", testSearchFilters},
		{"SearchSnippets", testSearchSnippets},
		{"SearchFollowsChanges", testSearchFollowsChanges},
		{"SearchRanksSubject", testSearchRanksSubject},
		{"SearchOddInput", testSearchOddInput},
		{"ListTicketsByIDs", testListTicketsByIDs},
	}
}

// searchWorld: two customers, an agent outside team X, an admin, and four
// tickets whose words are chosen to tell the rules apart. "secretword" is
// only ever in an internal note.
type searchWorld struct {
	admin, agent, custA, custB *helpdesk.User
	teamX                      *helpdesk.Team
	t1, t2, t3, t4             *helpdesk.Ticket
}

func seedSearchWorld(t *testing.T, s helpdesk.Store) *searchWorld {
	t.Helper()
	w := &searchWorld{
		admin: mustCreateUser(t, s, "admin@corp.example", "Admin", helpdesk.RoleAdmin),
		agent: mustCreateUser(t, s, "agent@corp.example", "Agent", helpdesk.RoleAgent),
		custA: mustCreateUser(t, s, "a@shop.example", "Cust A", helpdesk.RoleCustomer),
		custB: mustCreateUser(t, s, "b@shop.example", "Cust B", helpdesk.RoleCustomer),
		teamX: mustCreateTeam(t, s, "Team X"),
	}
	w.t1 = mustCreateTicket(t, s, newTicket(w.custA.ID, "Printer jams on tray two"))
	mustCreateComment(t, s, w.t1.ID, w.custA.ID, "The printer says paper jam every morning.", false, at(time.Minute))
	mustCreateComment(t, s, w.t1.ID, w.agent.ID, "secretword: escalate to the vendor", true, at(2*time.Minute))

	t2 := newTicket(w.custB.ID, "Invoice missing")
	t2.Status = helpdesk.StatusPending
	w.t2 = mustCreateTicket(t, s, t2)
	mustCreateComment(t, s, w.t2.ID, w.custB.ID, "Please send a copy of the invoice.", false, at(time.Minute))
	mustCreateComment(t, s, w.t2.ID, w.agent.ID, "Customer's printer is broken too; secretword", true, at(2*time.Minute))

	w.t3 = mustCreateTicket(t, s, newTicket(w.custA.ID, "Login fails"))
	mustCreateComment(t, s, w.t3.ID, w.custA.ID, "I cannot log in since Monday.", false, at(time.Minute))
	mustCreateComment(t, s, w.t3.ID, w.agent.ID, "Reset your password from the login page.", false, at(2*time.Minute))

	t4 := newTicket(w.custB.ID, "Printer offline in the Zürich office")
	t4.TeamID = &w.teamX.ID
	w.t4 = mustCreateTicket(t, s, t4)
	mustCreateComment(t, s, w.t4.ID, w.custB.ID, "Nothing prints at all.", false, at(time.Minute))
	return w
}

func viewer(u *helpdesk.User) helpdesk.Viewer { return helpdesk.Viewer{UserID: u.ID, Role: u.Role} }

func words(ws ...string) []helpdesk.TextTerm {
	out := make([]helpdesk.TextTerm, 0, len(ws))
	for _, w := range ws {
		term := helpdesk.TextTerm{Text: strings.TrimPrefix(w, "-"), Negated: strings.HasPrefix(w, "-")}
		term.Phrase = strings.Contains(term.Text, " ")
		out = append(out, term)
	}
	return out
}

func searchIDs(t *testing.T, s helpdesk.Store, f helpdesk.TicketFilter) []int64 {
	t.Helper()
	got, err := s.SearchCandidates(t.Context(), f, helpdesk.SearchCandidates)
	must(t, "SearchCandidates", err)
	ids := make([]int64, len(got))
	for i, c := range got {
		ids[i] = c.ID
	}
	return ids
}

func testSearchVisibility(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	for _, c := range []struct {
		name string
		who  *helpdesk.User
		text []helpdesk.TextTerm
		want []int64
	}{
		{"admin sees every match, internal notes included, newest first", w.admin, words("printer"),
			[]int64{w.t4.ID, w.t2.ID, w.t1.ID}},
		{"an agent outside team X does not see its ticket", w.agent, words("printer"), []int64{w.t2.ID, w.t1.ID}},
		{"a customer finds their own ticket", w.custA, words("printer"), []int64{w.t1.ID}},
		{"a customer never matches another's ticket or an internal note", w.custB, words("printer"),
			[]int64{w.t4.ID}},
		{"a word only in internal notes finds nothing for a customer", w.custA, words("secretword"), []int64{}},
		{"the same word finds both notes for staff", w.admin, words("secretword"), []int64{w.t2.ID, w.t1.ID}},
		{"a customer's negation cannot probe internal notes", w.custA, words("-secretword"),
			[]int64{w.t3.ID, w.t1.ID}},
	} {
		got := searchIDs(t, s, helpdesk.TicketFilter{Viewer: viewer(c.who), Text: c.text})
		checkIDs(t, c.name, got, c.want)
	}
}

func testSearchTerms(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	admin := viewer(w.admin)
	for _, c := range []struct {
		name string
		text []helpdesk.TextTerm
		want []int64
	}{
		{"words are ANDed across subject and conversation", words("printer", "morning"), []int64{w.t1.ID}},
		{"a phrase matches words in order", words("paper jam"), []int64{w.t1.ID}},
		{"a phrase in the wrong order does not", words("jam paper"), []int64{}},
		{"case and accents do not matter", words("ZURICH"), []int64{w.t4.ID}},
		{"a negated word excludes", words("printer", "-jams"), []int64{w.t4.ID, w.t2.ID}},
		{"only negated words keep everything else", words("-printer"), []int64{w.t3.ID}},
		{"a word nobody wrote", words("xylophone"), []int64{}},
	} {
		checkIDs(t, c.name, searchIDs(t, s, helpdesk.TicketFilter{Viewer: admin, Text: c.text}), c.want)
	}
}

func testSearchFilters(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	admin := viewer(w.admin)
	checkIDs(t, "text and status", searchIDs(t, s, helpdesk.TicketFilter{Viewer: admin, Text: words("printer"),
		Statuses: []helpdesk.Status{helpdesk.StatusPending}}), []int64{w.t2.ID})
	checkIDs(t, "text and requester", searchIDs(t, s, helpdesk.TicketFilter{Viewer: admin, Text: words("printer"),
		RequesterIDs: []int64{w.custB.ID}}), []int64{w.t4.ID, w.t2.ID})
	checkIDs(t, "text and not-requester", searchIDs(t, s, helpdesk.TicketFilter{Viewer: admin, Text: words("printer"),
		NotRequesterIDs: []int64{w.custB.ID}}), []int64{w.t1.ID})
	checkIDs(t, "text and team or none", searchIDs(t, s, helpdesk.TicketFilter{Viewer: admin, Text: words("printer"),
		HasTeam: true}), []int64{w.t4.ID})
	checkIDs(t, "no text: the filters alone, newest first", searchIDs(t, s, helpdesk.TicketFilter{Viewer: admin,
		RequesterIDs: []int64{w.custA.ID}}), []int64{w.t3.ID, w.t1.ID})
	got, err := s.SearchCandidates(t.Context(), helpdesk.TicketFilter{Viewer: admin, Text: words("printer")}, 2)
	must(t, "SearchCandidates(max 2)", err)
	if len(got) != 2 || got[0].ID != w.t4.ID || got[1].ID != w.t2.ID {
		t.Errorf("SearchCandidates(max 2): got %+v, want the two newest matches", got)
	}
	if got[1].Status != helpdesk.StatusPending || got[1].Priority != w.t2.Priority || !got[1].UpdatedAt.Equal(w.t2.UpdatedAt) {
		t.Errorf("candidate fields: got %+v, want those of ticket %d", got[1], w.t2.ID)
	}
}

func testSearchSnippets(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	ids := []int64{w.t1.ID, w.t2.ID, w.t3.ID, w.t4.ID}
	snip := func(who *helpdesk.User, text []helpdesk.TextTerm) map[int64]*helpdesk.Snippet {
		got, err := s.TicketSnippets(t.Context(), viewer(who), text, ids)
		must(t, "TicketSnippets", err)
		return got
	}
	hits := func(sn *helpdesk.Snippet) []string {
		var out []string
		for _, p := range sn.Parts {
			if p.Hit {
				out = append(out, strings.ToLower(p.Text))
			}
		}
		return out
	}
	got := snip(w.admin, words("printer"))
	if sn := got[w.t2.ID]; sn == nil || sn.In != helpdesk.SnippetInternal || !slices.Contains(hits(sn), "printer") {
		t.Errorf("admin, ticket 2: snippet %+v, want the internal note with printer marked", sn)
	}
	if sn := got[w.t1.ID]; sn == nil || sn.In != helpdesk.SnippetConversation {
		t.Errorf("admin, ticket 1: snippet %+v, want the conversation", sn)
	}
	if _, ok := got[w.t3.ID]; ok {
		t.Errorf("ticket 3 does not match printer but has a snippet %+v", got[w.t3.ID])
	}
	got = snip(w.custA, words("printer"))
	if sn := got[w.t1.ID]; sn == nil || sn.In != helpdesk.SnippetConversation {
		t.Errorf("customer, ticket 1: snippet %+v, want the conversation", sn)
	}
	for id, sn := range got {
		for _, p := range sn.Parts {
			if strings.Contains(p.Text, "secretword") || strings.Contains(p.Text, "broken") {
				t.Errorf("customer snippet of ticket %d shows internal text: %+v", id, sn)
			}
		}
		if sn.In == helpdesk.SnippetInternal {
			t.Errorf("customer got an internal-note snippet for ticket %d", id)
		}
	}
	if got := snip(w.custA, words("secretword")); len(got) != 0 {
		t.Errorf("customer snippets for an internal-only word: %+v, want none", got)
	}
	sub := snip(w.admin, words("invoice", "missing"))[w.t2.ID]
	if sub == nil || len(sub.Parts) == 0 {
		t.Fatalf("snippet for invoice missing: %+v", sub)
	}
	var text strings.Builder
	for _, p := range sub.Parts {
		text.WriteString(p.Text)
	}
	if strings.ContainsAny(text.String(), "\ue000\ue001\n") {
		t.Errorf("snippet text keeps markers or newlines: %q", text.String())
	}
}

func testSearchFollowsChanges(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	admin := helpdesk.TicketFilter{Viewer: viewer(w.admin)}
	find := func(word string) []int64 {
		f := admin
		f.Text = words(word)
		return searchIDs(t, s, f)
	}
	// A new comment is searchable at once.
	c := mustCreateComment(t, s, w.t3.ID, w.custA.ID, "Still locked out, quokka", false, at(3*time.Minute))
	checkIDs(t, "new comment", find("quokka"), []int64{w.t3.ID})
	// An edited comment loses its old words and gains the new ones.
	rev := &helpdesk.CommentRevision{CommentID: c.ID, Body: c.Body, EditorID: w.custA.ID, CreatedAt: at(4 * time.Minute)}
	c.Body, c.EditedAt = "Still locked out, wombat", ptr(at(4*time.Minute))
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateComment(ctx, c, rev) })
	checkIDs(t, "edited comment, old word", find("quokka"), []int64{})
	checkIDs(t, "edited comment, new word", find("wombat"), []int64{w.t3.ID})
	checkIDs(t, "other words of the ticket survive the edit", find("monday"), []int64{w.t3.ID})
	// A new subject replaces the old one.
	tk := *w.t3
	tk.Subject, tk.UpdatedAt = "Account locked", at(5*time.Minute)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTicket(ctx, &tk) })
	checkIDs(t, "old subject", find("fails"), []int64{})
	checkIDs(t, "new subject", find("account"), []int64{w.t3.ID})
	// An update that leaves the subject alone keeps the document.
	tk.Status, tk.UpdatedAt = helpdesk.StatusOpen, at(6*time.Minute)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTicket(ctx, &tk) })
	checkIDs(t, "after a status change", find("wombat"), []int64{w.t3.ID})
	// A rolled-back comment never reaches the index.
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateComment(ctx, &helpdesk.Comment{TicketID: w.t1.ID, AuthorID: w.agent.ID,
			Body: "platypus", CreatedAt: at(7 * time.Minute)}); err != nil {
			return err
		}
		return helpdesk.Invalid("x", "roll back")
	})
	if err == nil {
		t.Fatal("the transaction should have failed")
	}
	checkIDs(t, "rolled-back comment", find("platypus"), []int64{})
}

func testSearchRanksSubject(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	got, err := s.SearchCandidates(t.Context(), helpdesk.TicketFilter{Viewer: viewer(w.admin), Text: words("invoice")}, 10)
	must(t, "SearchCandidates", err)
	if len(got) != 1 || got[0].Rank <= 0 {
		t.Fatalf("invoice: got %+v, want ticket 2 with a positive rank", got)
	}
	// "printer" is in ticket 4's and ticket 1's subjects but only in ticket
	// 2's internal note: both subject hits rank above it.
	got, err = s.SearchCandidates(t.Context(), helpdesk.TicketFilter{Viewer: viewer(w.admin), Text: words("printer")}, 10)
	must(t, "SearchCandidates", err)
	rank := map[int64]float64{}
	for _, c := range got {
		rank[c.ID] = c.Rank
	}
	if !(rank[w.t4.ID] > rank[w.t2.ID] && rank[w.t1.ID] > rank[w.t2.ID]) {
		t.Errorf("ranks %v: subject matches (tickets %d, %d) should outrank the note-only match (%d)",
			rank, w.t4.ID, w.t1.ID, w.t2.ID)
	}
}

// testSearchOddInput feeds words that mean something to a search engine's
// own syntax; they must be searched as plain text, never fail.
func testSearchOddInput(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	for _, text := range []string{`printer"`, `NEAR(printer jam)`, `printer*`, `{subject}: x`, `a OR b`,
		`-`, `"`, `'; DROP TABLE tickets; --`, `^printer`, `internal:secretword`, `!!`, `AND`, `:`} {
		for _, who := range []*helpdesk.User{w.admin, w.custA} {
			f := helpdesk.TicketFilter{Viewer: viewer(who), Text: []helpdesk.TextTerm{{Text: text}}}
			if _, err := s.SearchCandidates(t.Context(), f, 10); err != nil {
				t.Errorf("SearchCandidates(%q) as %s: %v", text, who.Role, err)
			}
			if _, err := s.TicketSnippets(t.Context(), viewer(who), f.Text, []int64{w.t1.ID}); err != nil {
				t.Errorf("TicketSnippets(%q) as %s: %v", text, who.Role, err)
			}
		}
	}
	f := helpdesk.TicketFilter{Viewer: viewer(w.custA), Text: []helpdesk.TextTerm{{Text: "internal:secretword"}}}
	checkIDs(t, "a column name in the text is just words", searchIDs(t, s, f), []int64{})
}

func testListTicketsByIDs(t *testing.T, s helpdesk.Store) {
	w := seedSearchWorld(t, s)
	got, err := s.ListTicketsByIDs(t.Context(), []int64{w.t2.ID, w.t4.ID, 99999})
	must(t, "ListTicketsByIDs", err)
	slices.SortFunc(got, func(a, b *helpdesk.Ticket) int { return int(a.ID - b.ID) })
	if len(got) != 2 || got[0].ID != w.t2.ID || got[1].ID != w.t4.ID || got[0].Subject != "Invoice missing" {
		t.Errorf("ListTicketsByIDs: got %v", got)
	}
	got, err = s.ListTicketsByIDs(t.Context(), nil)
	must(t, "ListTicketsByIDs(none)", err)
	if got == nil || len(got) != 0 {
		t.Errorf("ListTicketsByIDs(none): got %v, want empty", got)
	}
}
