package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func teamTests() []test {
	return []test{
		{"Teams/CreateFindRoundTrip", testTeamRoundTrip},
		{"Teams/CreateDuplicateNameAnyCase", testTeamDuplicateName},
		{"Teams/Update", testTeamUpdate},
		{"Teams/UpdateMissing", testTeamUpdateMissing},
		{"Teams/ListOrderedByName", testTeamList},
		{"Teams/Members", testTeamMembers},
		{"Teams/RemoveNonMember", testTeamRemoveNonMember},
		{"Teams/DeleteClearsTicketsAndMemberships", testTeamDelete},
		{"Teams/DuplicateNameUnicodeCase", testTeamUnicodeName},
		{"Teams/ListOrderIsBytewise", testTeamListBytewise},
		{"Teams/AddMemberUnknownUser", testTeamAddUnknown},
	}
}

func teamID(t *helpdesk.Team) int64 { return t.ID }

func testTeamRoundTrip(t *testing.T, s helpdesk.Store) {
	want := &helpdesk.Team{Name: "Billing", Description: "Money matters.",
		CreatedAt: at(time.Microsecond), UpdatedAt: at(5 * time.Microsecond)}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTeam(ctx, want) })
	if want.ID <= 0 {
		t.Fatalf("CreateTeam: id got %d, want > 0", want.ID)
	}
	got, err := s.FindTeamByID(t.Context(), want.ID)
	must(t, "FindTeamByID", err)
	checkEqual(t, "FindTeamByID", got, want)
	_, err = s.FindTeamByID(t.Context(), want.ID+100)
	wantCode(t, "FindTeamByID(missing)", err, helpdesk.ENOTFOUND)
}

func testTeamDuplicateName(t *testing.T, s helpdesk.Store) {
	mustCreateTeam(t, s, "Support")
	for _, name := range []string{"Support", "SUPPORT", "support"} {
		dup := &helpdesk.Team{Name: name, CreatedAt: at(0), UpdatedAt: at(0)}
		err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTeam(ctx, dup) })
		wantCode(t, "CreateTeam("+name+")", err, helpdesk.ECONFLICT)
	}
	other := mustCreateTeam(t, s, "Sales")
	other.Name = "sUpPoRt"
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTeam(ctx, other) })
	wantCode(t, "UpdateTeam(taken name)", err, helpdesk.ECONFLICT)
}

func testTeamUpdate(t *testing.T, s helpdesk.Store) {
	tm := mustCreateTeam(t, s, "Tier 1")
	keep := mustCreateTeam(t, s, "Tier 2")
	want := *tm
	want.Name, want.Description, want.UpdatedAt = "Tier One", "First line.", at(time.Hour+time.Microsecond)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTeam(ctx, &want) })
	got, err := s.FindTeamByID(t.Context(), tm.ID)
	must(t, "FindTeamByID", err)
	checkEqual(t, "after UpdateTeam", got, &want)
	got, err = s.FindTeamByID(t.Context(), keep.ID)
	must(t, "FindTeamByID(other)", err)
	checkEqual(t, "other team after UpdateTeam", got, keep)

	// Renaming a team to a different case of its own name is not a conflict.
	want.Name = "TIER ONE"
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTeam(ctx, &want) })
}

func testTeamUpdateMissing(t *testing.T, s helpdesk.Store) {
	ghost := &helpdesk.Team{ID: 777, Name: "Ghosts", CreatedAt: at(0), UpdatedAt: at(0)}
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateTeam(ctx, ghost) })
	wantCode(t, "UpdateTeam(missing)", err, helpdesk.ENOTFOUND)
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.DeleteTeam(ctx, 777) })
	wantCode(t, "DeleteTeam(missing)", err, helpdesk.ENOTFOUND)
}

func testTeamList(t *testing.T, s helpdesk.Store) {
	c := mustCreateTeam(t, s, "Escalations")
	a := mustCreateTeam(t, s, "Billing")
	d := mustCreateTeam(t, s, "Support")
	b := mustCreateTeam(t, s, "Onboarding")
	got, err := s.ListTeams(t.Context())
	must(t, "ListTeams", err)
	checkIDs(t, "ListTeams", ids(got, teamID), []int64{a.ID, c.ID, b.ID, d.ID})
	if len(got) == 4 {
		checkEqual(t, "ListTeams[0]", got[0], a)
	}
}

func testTeamMembers(t *testing.T, s helpdesk.Store) {
	zoe := mustCreateUser(t, s, "zoe@corp.example", "Zoe", helpdesk.RoleAgent)
	amy := mustCreateUser(t, s, "amy@corp.example", "Amy", helpdesk.RoleAgent)
	moe := mustCreateUser(t, s, "moe@corp.example", "Moe", helpdesk.RoleAdmin)
	t2 := mustCreateTeam(t, s, "Second")
	t1 := mustCreateTeam(t, s, "First")
	for range 2 { // AddTeamMember is idempotent.
		mustAddMember(t, s, t1.ID, zoe.ID)
	}
	mustAddMember(t, s, t1.ID, amy.ID)
	mustAddMember(t, s, t1.ID, moe.ID)
	mustAddMember(t, s, t2.ID, zoe.ID)

	got, err := s.ListTeamMembers(t.Context(), t1.ID)
	must(t, "ListTeamMembers", err)
	checkIDs(t, "ListTeamMembers(First) by name", ids(got, userID), []int64{amy.ID, moe.ID, zoe.ID})
	if len(got) == 3 {
		checkEqual(t, "ListTeamMembers[0]", got[0], amy)
	}
	teams, err := s.ListUserTeamIDs(t.Context(), zoe.ID)
	must(t, "ListUserTeamIDs", err)
	checkIDs(t, "ListUserTeamIDs(zoe) ascending", teams, []int64{min(t1.ID, t2.ID), max(t1.ID, t2.ID)})

	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RemoveTeamMember(ctx, t1.ID, moe.ID) })
	got, err = s.ListTeamMembers(t.Context(), t1.ID)
	must(t, "ListTeamMembers", err)
	checkIDs(t, "ListTeamMembers after remove", ids(got, userID), []int64{amy.ID, zoe.ID})
	teams, err = s.ListUserTeamIDs(t.Context(), moe.ID)
	must(t, "ListUserTeamIDs", err)
	if teams == nil || len(teams) != 0 {
		t.Errorf("ListUserTeamIDs(removed): got %#v, want empty non-nil", teams)
	}
}

func testTeamRemoveNonMember(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "nia@corp.example", "Nia", helpdesk.RoleAgent)
	tm := mustCreateTeam(t, s, "Support")
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RemoveTeamMember(ctx, tm.ID, u.ID) })
	wantCode(t, "RemoveTeamMember(not a member)", err, helpdesk.ENOTFOUND)
	mustAddMember(t, s, tm.ID, u.ID)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RemoveTeamMember(ctx, tm.ID, u.ID) })
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RemoveTeamMember(ctx, tm.ID, u.ID) })
	wantCode(t, "RemoveTeamMember(twice)", err, helpdesk.ENOTFOUND)
}

func testTeamDelete(t *testing.T, s helpdesk.Store) {
	agent := mustCreateUser(t, s, "omar@corp.example", "Omar", helpdesk.RoleAgent)
	cust := mustCreateUser(t, s, "pia@shop.example", "Pia", helpdesk.RoleCustomer)
	doomed := mustCreateTeam(t, s, "Doomed")
	kept := mustCreateTeam(t, s, "Kept")
	mustAddMember(t, s, doomed.ID, agent.ID)
	mustAddMember(t, s, kept.ID, agent.ID)
	t1 := newTicket(cust.ID, "in doomed team")
	t1.TeamID = &doomed.ID
	mustCreateTicket(t, s, t1)
	t2 := newTicket(cust.ID, "in kept team")
	t2.TeamID = &kept.ID
	mustCreateTicket(t, s, t2)

	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.DeleteTeam(ctx, doomed.ID) })

	_, err := s.FindTeamByID(t.Context(), doomed.ID)
	wantCode(t, "FindTeamByID(deleted)", err, helpdesk.ENOTFOUND)
	got, err := s.FindTicketByID(t.Context(), t1.ID)
	must(t, "FindTicketByID", err)
	if got.TeamID != nil {
		t.Errorf("ticket of deleted team: TeamID got %d, want nil", *got.TeamID)
	}
	got, err = s.FindTicketByID(t.Context(), t2.ID)
	must(t, "FindTicketByID", err)
	if got.TeamID == nil || *got.TeamID != kept.ID {
		t.Errorf("ticket of kept team: TeamID got %v, want %d", got.TeamID, kept.ID)
	}
	teams, err := s.ListUserTeamIDs(t.Context(), agent.ID)
	must(t, "ListUserTeamIDs", err)
	checkIDs(t, "ListUserTeamIDs after DeleteTeam", teams, []int64{kept.ID})
	members, err := s.ListTeamMembers(t.Context(), doomed.ID)
	must(t, "ListTeamMembers(deleted team)", err)
	if len(members) != 0 {
		t.Errorf("ListTeamMembers(deleted team): got %d members, want 0", len(members))
	}
	all, err := s.ListTeams(t.Context())
	must(t, "ListTeams", err)
	if !slices.Equal(ids(all, teamID), []int64{kept.ID}) {
		t.Errorf("ListTeams after DeleteTeam: got %v, want [%d]", ids(all, teamID), kept.ID)
	}
}

func testTeamUnicodeName(t *testing.T, s helpdesk.Store) {
	mustCreateTeam(t, s, "Équipe Zoë")
	dup := &helpdesk.Team{Name: "ÉQUIPE ZOË", CreatedAt: at(0), UpdatedAt: at(0)}
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTeam(ctx, dup) })
	wantCode(t, "CreateTeam(ÉQUIPE ZOË after Équipe Zoë)", err, helpdesk.ECONFLICT)
}

// testTeamListBytewise pins one order for names differing in case or
// accents, so both engines list teams and members identically (both sort
// by the name's bytes, as PostgreSQL's COLLATE "C" and SQLite's BINARY do).
func testTeamListBytewise(t *testing.T, s helpdesk.Store) {
	names := []string{"charlie", "Éclair", "alpha", "Bravo", "Zulu"}
	byName := map[string]int64{}
	for _, n := range names {
		byName[n] = mustCreateTeam(t, s, n).ID
		u := mustCreateUser(t, s, strings.ToLower(n)+"@corp.example", n, helpdesk.RoleAgent)
		mustAddMember(t, s, byName["charlie"], u.ID)
		byName["user "+n] = u.ID
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	var wantTeams, wantUsers []int64
	for _, n := range sorted {
		wantTeams = append(wantTeams, byName[n])
		wantUsers = append(wantUsers, byName["user "+n])
	}
	teams, err := s.ListTeams(t.Context())
	must(t, "ListTeams", err)
	checkIDs(t, fmt.Sprintf("ListTeams, want byte order %q", sorted), ids(teams, teamID), wantTeams)
	members, err := s.ListTeamMembers(t.Context(), byName["charlie"])
	must(t, "ListTeamMembers", err)
	checkIDs(t, fmt.Sprintf("ListTeamMembers, want byte order %q", sorted), ids(members, userID), wantUsers)
}

func testTeamAddUnknown(t *testing.T, s helpdesk.Store) {
	tm := mustCreateTeam(t, s, "Support")
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.AddTeamMember(ctx, tm.ID, 9999) })
	wantCode(t, "AddTeamMember(unknown user: foreign key violation)", err, helpdesk.EINVALID)
}
