package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func commentTests() []test {
	return []test{
		{"Comments/CreateFindRoundTrip", testCommentRoundTrip},
		{"Comments/ListInternalAndOrder", testCommentList},
		{"Comments/ListPaging", testCommentPaging},
		{"Comments/UpdateKeepsRevisions", testCommentUpdate},
	}
}

func commentID(c *helpdesk.Comment) int64 { return c.ID }

// commentSetup is a ticket with an agent and a customer to talk on it.
func commentSetup(t *testing.T, s helpdesk.Store) (tk *helpdesk.Ticket, agent, cust *helpdesk.User) {
	t.Helper()
	cust = mustCreateUser(t, s, "cust@shop.example", "Cust", helpdesk.RoleCustomer)
	agent = mustCreateUser(t, s, "agent@corp.example", "Agent", helpdesk.RoleAgent)
	return mustCreateTicket(t, s, newTicket(cust.ID, "Help")), agent, cust
}

func testCommentRoundTrip(t *testing.T, s helpdesk.Store) {
	tk, agent, _ := commentSetup(t, s)
	want := mustCreateComment(t, s, tk.ID, agent.ID, "Hello *there* — ünïcödé ✓", true, at(time.Minute+time.Microsecond))
	got, err := s.FindCommentByID(t.Context(), want.ID)
	must(t, "FindCommentByID", err)
	checkEqual(t, "FindCommentByID", got, want)
	if got.EditedAt != nil {
		t.Errorf("new comment: EditedAt got %v, want nil", got.EditedAt)
	}
	_, err = s.FindCommentByID(t.Context(), want.ID+100)
	wantCode(t, "FindCommentByID(missing)", err, helpdesk.ENOTFOUND)
}

func testCommentList(t *testing.T, s helpdesk.Store) {
	tk, agent, cust := commentSetup(t, s)
	other := mustCreateTicket(t, s, newTicket(cust.ID, "Other"))
	c1 := mustCreateComment(t, s, tk.ID, cust.ID, "first", false, at(time.Minute))
	mustCreateComment(t, s, other.ID, cust.ID, "elsewhere", false, at(time.Minute))
	c2 := mustCreateComment(t, s, tk.ID, agent.ID, "note", true, at(2*time.Minute))
	c3 := mustCreateComment(t, s, tk.ID, agent.ID, "reply", false, at(2*time.Minute))
	c4 := mustCreateComment(t, s, tk.ID, agent.ID, "note 2", true, at(3*time.Minute))

	got, err := s.ListComments(t.Context(), helpdesk.CommentFilter{TicketID: tk.ID, IncludeInternal: true, Limit: 100})
	must(t, "ListComments(internal)", err)
	checkIDs(t, "ListComments(with internal)", ids(got, commentID), []int64{c1.ID, c2.ID, c3.ID, c4.ID})
	if len(got) == 4 {
		checkEqual(t, "ListComments rows", got, []*helpdesk.Comment{c1, c2, c3, c4})
	}
	got, err = s.ListComments(t.Context(), helpdesk.CommentFilter{TicketID: tk.ID, Limit: 100})
	must(t, "ListComments(public)", err)
	checkIDs(t, "ListComments(public only)", ids(got, commentID), []int64{c1.ID, c3.ID})

	empty := mustCreateTicket(t, s, newTicket(cust.ID, "Silent"))
	got, err = s.ListComments(t.Context(), helpdesk.CommentFilter{TicketID: empty.ID, IncludeInternal: true, Limit: 100})
	must(t, "ListComments(no comments)", err)
	if got == nil || len(got) != 0 {
		t.Errorf("ListComments(no comments): got %v, want empty non-nil", ids(got, commentID))
	}
}

func testCommentPaging(t *testing.T, s helpdesk.Store) {
	tk, agent, cust := commentSetup(t, s)
	var all, public []int64
	for i := range 9 {
		internal := i%3 == 1
		c := mustCreateComment(t, s, tk.ID, agent.ID, "msg", internal, at(time.Duration(i)*time.Second))
		all = append(all, c.ID)
		if !internal {
			public = append(public, c.ID)
		}
	}
	mustCreateComment(t, s, mustCreateTicket(t, s, newTicket(cust.ID, "x")).ID, cust.ID, "noise", false, at(0))
	for _, c := range []struct {
		internal bool
		want     []int64
	}{{true, all}, {false, public}} {
		f := helpdesk.CommentFilter{TicketID: tk.ID, IncludeInternal: c.internal, Limit: 2}
		var got []int64
		for range 20 {
			page, err := s.ListComments(t.Context(), f)
			must(t, "ListComments", err)
			if len(page) > 2 {
				t.Fatalf("ListComments(Limit 2): got %d rows", len(page))
			}
			got = append(got, ids(page, commentID)...)
			if len(page) < 2 {
				break
			}
			f.AfterID = page[len(page)-1].ID
		}
		checkIDs(t, "ListComments paged by 2", got, c.want)
	}
}

func testCommentUpdate(t *testing.T, s helpdesk.Store) {
	tk, agent, cust := commentSetup(t, s)
	c := mustCreateComment(t, s, tk.ID, cust.ID, "v1", false, at(time.Minute))
	bystander := mustCreateComment(t, s, tk.ID, cust.ID, "untouched", false, at(time.Minute))

	edits := []struct {
		body   string
		editor int64
		when   time.Time
	}{
		{"v2", cust.ID, at(2*time.Minute + 3*time.Microsecond)},
		{"v3", agent.ID, at(3*time.Minute + 5*time.Microsecond)},
	}
	var wantRevs []*helpdesk.CommentRevision
	for _, e := range edits {
		rev := &helpdesk.CommentRevision{CommentID: c.ID, Body: c.Body, EditorID: e.editor, CreatedAt: e.when}
		c.Body, c.BodyHTML, c.EditedAt = e.body, "<p>"+e.body+"</p>", ptr(e.when)
		update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateComment(ctx, c, rev) })
		if rev.ID <= 0 {
			t.Errorf("UpdateComment: revision id got %d, want > 0", rev.ID)
		}
		wantRevs = append(wantRevs, rev)
	}
	got, err := s.FindCommentByID(t.Context(), c.ID)
	must(t, "FindCommentByID", err)
	checkEqual(t, "comment after edits", got, c)
	got, err = s.FindCommentByID(t.Context(), bystander.ID)
	must(t, "FindCommentByID(bystander)", err)
	checkEqual(t, "other comment after edits", got, bystander)

	revs, err := s.ListCommentRevisions(t.Context(), c.ID)
	must(t, "ListCommentRevisions", err)
	checkEqual(t, "ListCommentRevisions (oldest first)", revs, wantRevs)
	revs, err = s.ListCommentRevisions(t.Context(), bystander.ID)
	must(t, "ListCommentRevisions(unedited)", err)
	if revs == nil || len(revs) != 0 {
		t.Errorf("ListCommentRevisions(unedited): got %d revisions (nil=%v), want empty non-nil", len(revs), revs == nil)
	}
}
