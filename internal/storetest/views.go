package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func viewTests() []test {
	return []test{
		{"SavedViews/CreateFindRoundTrip", testViewRoundTrip},
		{"SavedViews/ListVisibility", testViewListVisibility},
		{"SavedViews/ListOrder", testViewListOrder},
		{"SavedViews/UpdateDelete", testViewUpdateDelete},
		{"SavedViews/ScopeAndTeamChecked", testViewScopeChecked},
		{"SavedViews/DeleteTeamDeletesItsViews", testViewTeamDelete},
	}
}

func viewID(v *helpdesk.SavedView) int64 { return v.ID }

// newView returns an unsaved view of ownerID with scope (and team).
func newView(ownerID int64, name, scope string, teamID *int64) *helpdesk.SavedView {
	return &helpdesk.SavedView{
		OwnerID: ownerID, Name: name, Query: "status:open " + name, Sort: helpdesk.SortUpdatedDesc,
		Columns: []string{"id", "subject"}, Scope: scope, TeamID: teamID,
		CreatedAt: at(time.Microsecond), UpdatedAt: at(2 * time.Microsecond),
	}
}

// mustCreateView stores v.
func mustCreateView(t *testing.T, s helpdesk.Store, v *helpdesk.SavedView) *helpdesk.SavedView {
	t.Helper()
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateSavedView(ctx, v) })
	if v.ID <= 0 {
		t.Fatalf("CreateSavedView(%s): id got %d, want > 0", v.Name, v.ID)
	}
	return v
}

func testViewRoundTrip(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "ada@corp.example", "Ada", helpdesk.RoleAdmin)
	tm := mustCreateTeam(t, s, "Billing")
	for _, want := range []*helpdesk.SavedView{
		newView(u.ID, "Mine", helpdesk.ViewPersonal, nil),
		newView(u.ID, "Billing's", helpdesk.ViewTeam, &tm.ID),
		{OwnerID: u.ID, Name: "Everything", Query: "", Sort: "", Columns: []string{}, Scope: helpdesk.ViewEveryone,
			Position: 7, CreatedAt: at(0), UpdatedAt: at(0)},
	} {
		mustCreateView(t, s, want)
		got, err := s.FindSavedView(t.Context(), want.ID)
		must(t, "FindSavedView", err)
		checkEqual(t, "FindSavedView("+want.Name+")", got, want)
	}
	_, err := s.FindSavedView(t.Context(), 999999)
	wantCode(t, "FindSavedView(missing)", err, helpdesk.ENOTFOUND)
}

func testViewListVisibility(t *testing.T, s helpdesk.Store) {
	ann := mustCreateUser(t, s, "ann@corp.example", "Ann", helpdesk.RoleAgent)
	bob := mustCreateUser(t, s, "bob@corp.example", "Bob", helpdesk.RoleAgent)
	admin := mustCreateUser(t, s, "ada@corp.example", "Ada", helpdesk.RoleAdmin)
	t1, t2 := mustCreateTeam(t, s, "One"), mustCreateTeam(t, s, "Two")
	annMine := mustCreateView(t, s, newView(ann.ID, "a-mine", helpdesk.ViewPersonal, nil))
	bobMine := mustCreateView(t, s, newView(bob.ID, "b-mine", helpdesk.ViewPersonal, nil))
	one := mustCreateView(t, s, newView(admin.ID, "c-one", helpdesk.ViewTeam, &t1.ID))
	two := mustCreateView(t, s, newView(admin.ID, "d-two", helpdesk.ViewTeam, &t2.ID))
	all := mustCreateView(t, s, newView(admin.ID, "e-all", helpdesk.ViewEveryone, nil))
	adminMine := mustCreateView(t, s, newView(admin.ID, "f-admin", helpdesk.ViewPersonal, nil))

	for _, tc := range []struct {
		name     string
		userID   int64
		teamIDs  []int64
		allTeams bool
		want     []*helpdesk.SavedView
	}{
		{"AnnInOne", ann.ID, []int64{t1.ID}, false, []*helpdesk.SavedView{annMine, one, all}},
		{"AnnInBoth", ann.ID, []int64{t1.ID, t2.ID}, false, []*helpdesk.SavedView{annMine, one, two, all}},
		{"BobInNone", bob.ID, nil, false, []*helpdesk.SavedView{bobMine, all}},
		{"BobEmptyTeams", bob.ID, []int64{}, false, []*helpdesk.SavedView{bobMine, all}},
		{"AdminAllTeams", admin.ID, nil, true, []*helpdesk.SavedView{one, two, all, adminMine}},
		{"NobodysView", 999999, []int64{t2.ID}, false, []*helpdesk.SavedView{two, all}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ListSavedViews(t.Context(), tc.userID, tc.teamIDs, tc.allTeams)
			must(t, "ListSavedViews", err)
			checkIDs(t, "ListSavedViews", ids(got, viewID), ids(tc.want, viewID))
			if len(got) == len(tc.want) {
				for i := range got {
					checkEqual(t, "ListSavedViews item", got[i], tc.want[i])
				}
			}
		})
	}
}

func testViewListOrder(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "ann@corp.example", "Ann", helpdesk.RoleAgent)
	mk := func(name string, position int) *helpdesk.SavedView {
		v := newView(u.ID, name, helpdesk.ViewPersonal, nil)
		v.Position = position
		return mustCreateView(t, s, v)
	}
	// Position first, then the name bytewise (upper case before lower
	// case, whatever the database's collation), then the id.
	b2, a, b1, upper, c := mk("b", 2), mk("a", 1), mk("b", 2), mk("Z", 5), mk("c", 5)
	got, err := s.ListSavedViews(t.Context(), u.ID, nil, false)
	must(t, "ListSavedViews", err)
	checkIDs(t, "ListSavedViews", ids(got, viewID), []int64{a.ID, b2.ID, b1.ID, upper.ID, c.ID})
}

func testViewUpdateDelete(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "ada@corp.example", "Ada", helpdesk.RoleAdmin)
	tm := mustCreateTeam(t, s, "Billing")
	v := mustCreateView(t, s, newView(u.ID, "Mine", helpdesk.ViewPersonal, nil))
	v.Name, v.Query, v.Sort = "Shared", "tag:vip", helpdesk.SortRelevance
	v.Columns = []string{"subject", "tags", "assignee"}
	v.Scope, v.TeamID, v.Position = helpdesk.ViewTeam, &tm.ID, 3
	v.UpdatedAt = at(time.Hour)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateSavedView(ctx, v) })
	got, err := s.FindSavedView(t.Context(), v.ID)
	must(t, "FindSavedView", err)
	checkEqual(t, "FindSavedView after update", got, v)

	missing := *v
	missing.ID = 999999
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateSavedView(ctx, &missing) })
	wantCode(t, "UpdateSavedView(missing)", err, helpdesk.ENOTFOUND)

	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.DeleteSavedView(ctx, v.ID) })
	_, err = s.FindSavedView(t.Context(), v.ID)
	wantCode(t, "FindSavedView(deleted)", err, helpdesk.ENOTFOUND)
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.DeleteSavedView(ctx, v.ID) })
	wantCode(t, "DeleteSavedView(deleted)", err, helpdesk.ENOTFOUND)
}

// testViewScopeChecked: the schema refuses a team view without a team, a
// team on another scope, an unknown scope or team, and a failed write
// leaves the transaction usable on both engines.
func testViewScopeChecked(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "ada@corp.example", "Ada", helpdesk.RoleAdmin)
	tm := mustCreateTeam(t, s, "Billing")
	for name, v := range map[string]*helpdesk.SavedView{
		"TeamWithoutTeam":     newView(u.ID, "x", helpdesk.ViewTeam, nil),
		"PersonalWithTeam":    newView(u.ID, "x", helpdesk.ViewPersonal, &tm.ID),
		"EveryoneWithTeam":    newView(u.ID, "x", helpdesk.ViewEveryone, &tm.ID),
		"UnknownScope":        newView(u.ID, "x", "galaxy", nil),
		"UnknownTeam":         newView(u.ID, "x", helpdesk.ViewTeam, ptr(tm.ID+100)),
		"UnknownOwner":        newView(u.ID+100, "x", helpdesk.ViewPersonal, nil),
		"PersonalWithTeamAlt": newView(u.ID, "x", helpdesk.ViewPersonal, ptr(tm.ID+100)),
	} {
		t.Run(name, func(t *testing.T) {
			var later *helpdesk.SavedView
			err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
				if err := tx.CreateSavedView(ctx, v); helpdesk.ErrorCode(err) != helpdesk.EINVALID {
					t.Errorf("CreateSavedView: error code got %q, want %q (err: %v)", helpdesk.ErrorCode(err), helpdesk.EINVALID, err)
				}
				later = newView(u.ID, "after "+name, helpdesk.ViewPersonal, nil)
				return tx.CreateSavedView(ctx, later)
			})
			must(t, "create after a refused view", err)
			if _, err := s.FindSavedView(t.Context(), later.ID); err != nil {
				t.Errorf("FindSavedView(later): %v", err)
			}
		})
	}
}

func testViewTeamDelete(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "ada@corp.example", "Ada", helpdesk.RoleAdmin)
	tm := mustCreateTeam(t, s, "Billing")
	shared := mustCreateView(t, s, newView(u.ID, "Billing's", helpdesk.ViewTeam, &tm.ID))
	mine := mustCreateView(t, s, newView(u.ID, "Mine", helpdesk.ViewPersonal, nil))
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.DeleteTeam(ctx, tm.ID) })
	_, err := s.FindSavedView(t.Context(), shared.ID)
	wantCode(t, "FindSavedView(team deleted)", err, helpdesk.ENOTFOUND)
	_, err = s.FindSavedView(t.Context(), mine.ID)
	must(t, "FindSavedView(personal)", err)
}
