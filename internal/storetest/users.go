package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func userTests() []test {
	return []test{
		{"Users/CreateSetsIDAndRoundTrips", testUserCreateRoundTrip},
		{"Users/CreateDuplicateEmailCaseInsensitive", testUserDuplicateEmail},
		{"Users/FindByEmailCaseInsensitive", testUserFindByEmail},
		{"Users/FindMissing", testUserFindMissing},
		{"Users/Update", testUserUpdate},
		{"Users/UpdateToTakenEmail", testUserUpdateTakenEmail},
		{"Users/UpdateMissing", testUserUpdateMissing},
		{"Users/SetPassword", testUserSetPassword},
		{"Users/ListFilters", testUserListFilters},
		{"Users/ListQueryIsPrefixNotPattern", testUserListQueryLiteral},
		{"Users/ListPaging", testUserListPaging},
		{"Users/UnicodeCaseInsensitive", testUserUnicodeCase},
	}
}

func userID(u *helpdesk.User) int64 { return u.ID }

func testUserCreateRoundTrip(t *testing.T, s helpdesk.Store) {
	changed := at(-time.Hour)
	want := &helpdesk.User{
		Email: "ada@example.com", Name: "Ada Lovelace", Role: helpdesk.RoleAgent, Active: true,
		TimeZone: "Europe/London", CreatedAt: at(time.Microsecond), UpdatedAt: at(2 * time.Microsecond),
		PasswordHash: "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA", PasswordChangedAt: &changed,
	}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, want) })
	if want.ID <= 0 {
		t.Fatalf("CreateUser: id got %d, want > 0", want.ID)
	}
	got, err := s.FindUserByID(t.Context(), want.ID)
	must(t, "FindUserByID", err)
	checkEqual(t, "FindUserByID", got, want)

	other := mustCreateUser(t, s, "grace@example.com", "Grace", helpdesk.RoleCustomer)
	if other.ID == want.ID {
		t.Errorf("second user: id got %d, same as the first", other.ID)
	}
	got, err = s.FindUserByID(t.Context(), other.ID)
	must(t, "FindUserByID(no password)", err)
	if got.PasswordHash != "" || got.PasswordChangedAt != nil || got.TimeZone != "" {
		t.Errorf("user without password: got hash %q changed %v tz %q, want empty, nil, empty",
			got.PasswordHash, got.PasswordChangedAt, got.TimeZone)
	}
}

func testUserDuplicateEmail(t *testing.T, s helpdesk.Store) {
	mustCreateUser(t, s, "bob@example.com", "Bob", helpdesk.RoleCustomer)
	for _, email := range []string{"bob@example.com", "BOB@Example.COM"} {
		dup := &helpdesk.User{Email: email, Name: "Bob 2", Role: helpdesk.RoleAgent, Active: true,
			CreatedAt: at(0), UpdatedAt: at(0)}
		err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, dup) })
		wantCode(t, "CreateUser("+email+")", err, helpdesk.ECONFLICT)
	}
	users, err := s.ListUsers(t.Context(), helpdesk.UserFilter{Limit: 100})
	must(t, "ListUsers", err)
	if len(users) != 1 {
		t.Errorf("after duplicates: got %d users, want 1", len(users))
	}
}

func testUserFindByEmail(t *testing.T, s helpdesk.Store) {
	want := mustCreateUser(t, s, "carol@example.com", "Carol", helpdesk.RoleAdmin)
	mustCreateUser(t, s, "carol2@example.com", "Carol Two", helpdesk.RoleAdmin)
	for _, email := range []string{"carol@example.com", "CAROL@EXAMPLE.COM", "Carol@Example.com"} {
		got, err := s.FindUserByEmail(t.Context(), email)
		if err != nil {
			t.Errorf("FindUserByEmail(%q): %v", email, err)
			continue
		}
		checkEqual(t, "FindUserByEmail("+email+")", got, want)
	}
}

func testUserFindMissing(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "dave@example.com", "Dave", helpdesk.RoleCustomer)
	_, err := s.FindUserByID(t.Context(), u.ID+1000)
	wantCode(t, "FindUserByID(missing)", err, helpdesk.ENOTFOUND)
	_, err = s.FindUserByEmail(t.Context(), "nobody@example.com")
	wantCode(t, "FindUserByEmail(missing)", err, helpdesk.ENOTFOUND)
	_, err = s.FindUserByEmail(t.Context(), "dave@example")
	wantCode(t, "FindUserByEmail(prefix only)", err, helpdesk.ENOTFOUND)
}

func testUserUpdate(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "erin@example.com", "Erin", helpdesk.RoleCustomer)
	other := mustCreateUser(t, s, "frank@example.com", "Frank", helpdesk.RoleCustomer)
	want := *u
	want.Email, want.Name, want.Role = "erin.new@example.com", "Erin New", helpdesk.RoleAgent
	want.Active, want.TimeZone, want.UpdatedAt = false, "America/New_York", at(time.Hour+time.Microsecond)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, &want) })

	got, err := s.FindUserByID(t.Context(), u.ID)
	must(t, "FindUserByID", err)
	checkEqual(t, "after UpdateUser", got, &want)
	got, err = s.FindUserByID(t.Context(), other.ID)
	must(t, "FindUserByID(other)", err)
	checkEqual(t, "other user after UpdateUser", got, other)
	_, err = s.FindUserByEmail(t.Context(), "erin@example.com")
	wantCode(t, "FindUserByEmail(old email)", err, helpdesk.ENOTFOUND)
}

func testUserUpdateTakenEmail(t *testing.T, s helpdesk.Store) {
	mustCreateUser(t, s, "gina@example.com", "Gina", helpdesk.RoleCustomer)
	u := mustCreateUser(t, s, "hank@example.com", "Hank", helpdesk.RoleCustomer)
	u.Email = "GINA@example.com"
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, u) })
	wantCode(t, "UpdateUser(taken email)", err, helpdesk.ECONFLICT)
}

func testUserUpdateMissing(t *testing.T, s helpdesk.Store) {
	u := &helpdesk.User{ID: 4242, Email: "ghost@example.com", Name: "Ghost", Role: helpdesk.RoleAgent,
		CreatedAt: at(0), UpdatedAt: at(0)}
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, u) })
	wantCode(t, "UpdateUser(missing)", err, helpdesk.ENOTFOUND)
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.SetPassword(ctx, 4242, "hash", at(0))
	})
	wantCode(t, "SetPassword(missing)", err, helpdesk.ENOTFOUND)
}

func testUserSetPassword(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "ivy@example.com", "Ivy", helpdesk.RoleAgent)
	when := at(3*time.Hour + 7*time.Microsecond)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.SetPassword(ctx, u.ID, "$argon2id$new", when)
	})
	got, err := s.FindUserByID(t.Context(), u.ID)
	must(t, "FindUserByID", err)
	want := *u
	want.PasswordHash, want.PasswordChangedAt = "$argon2id$new", &when
	// SetPassword may also bump updated_at; that is not part of the contract.
	want.UpdatedAt = got.UpdatedAt
	checkEqual(t, "after SetPassword", got, &want)
}

// userWorld is a handful of users in two teams for list tests.
type userWorld struct {
	admin, agent, agentOff, alice, alan, kal *helpdesk.User
	team                                     *helpdesk.Team
}

func seedUsers(t *testing.T, s helpdesk.Store) *userWorld {
	t.Helper()
	w := &userWorld{
		admin:    mustCreateUser(t, s, "root@corp.example", "Root", helpdesk.RoleAdmin),
		agent:    mustCreateUser(t, s, "sam@corp.example", "Sam Agent", helpdesk.RoleAgent),
		agentOff: mustCreateUser(t, s, "olga@corp.example", "Olga Former", helpdesk.RoleAgent),
		alice:    mustCreateUser(t, s, "alice@shop.example", "Alice Smith", helpdesk.RoleCustomer),
		alan:     mustCreateUser(t, s, "zed@shop.example", "Alan Zed", helpdesk.RoleCustomer),
		kal:      mustCreateUser(t, s, "kal@shop.example", "Kal Al", helpdesk.RoleCustomer),
	}
	w.agentOff.Active = false
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, w.agentOff) })
	w.team = mustCreateTeam(t, s, "Support")
	mustAddMember(t, s, w.team.ID, w.agent.ID)
	mustAddMember(t, s, w.team.ID, w.admin.ID)
	return w
}

func testUserListFilters(t *testing.T, s helpdesk.Store) {
	w := seedUsers(t, s)
	desc := func(us ...*helpdesk.User) []int64 {
		out := ids(us, userID)
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
		return out
	}
	agent, customer := helpdesk.RoleAgent, helpdesk.RoleCustomer
	cases := []struct {
		name string
		f    helpdesk.UserFilter
		want []int64
	}{
		{"All", helpdesk.UserFilter{}, desc(w.admin, w.agent, w.agentOff, w.alice, w.alan, w.kal)},
		{"RoleAgent", helpdesk.UserFilter{Role: &agent}, desc(w.agent, w.agentOff)},
		{"Active", helpdesk.UserFilter{Active: ptr(true)}, desc(w.admin, w.agent, w.alice, w.alan, w.kal)},
		{"Inactive", helpdesk.UserFilter{Active: ptr(false)}, desc(w.agentOff)},
		{"RoleAndActive", helpdesk.UserFilter{Role: &agent, Active: ptr(true)}, desc(w.agent)},
		{"EmailAnyCase", helpdesk.UserFilter{Email: "ALICE@shop.example"}, desc(w.alice)},
		{"EmailIsExact", helpdesk.UserFilter{Email: "alice@shop"}, nil},
		{"QueryNamePrefix", helpdesk.UserFilter{Query: "al"}, desc(w.alice, w.alan)},
		{"QueryEmailPrefix", helpdesk.UserFilter{Query: "ZED@"}, desc(w.alan)},
		{"QueryNotSubstring", helpdesk.UserFilter{Query: "mith"}, nil},
		{"QueryAndRole", helpdesk.UserFilter{Query: "s", Role: &customer}, nil},
		{"Team", helpdesk.UserFilter{TeamID: &w.team.ID}, desc(w.admin, w.agent)},
		{"TeamAndRole", helpdesk.UserFilter{TeamID: &w.team.ID, Role: &agent}, desc(w.agent)},
		{"UnknownTeam", helpdesk.UserFilter{TeamID: ptr(w.team.ID + 99)}, nil},
	}
	for _, c := range cases {
		c.f.Limit = 100
		got, err := s.ListUsers(t.Context(), c.f)
		if err != nil {
			t.Errorf("ListUsers(%s): %v", c.name, err)
			continue
		}
		if got == nil {
			t.Errorf("ListUsers(%s): got nil slice, want non-nil", c.name)
		}
		checkIDs(t, "ListUsers("+c.name+")", ids(got, userID), append([]int64{}, c.want...))
	}
}

func testUserListQueryLiteral(t *testing.T, s helpdesk.Store) {
	seedUsers(t, s)
	for _, q := range []string{"%", "_", "a%", "_am", `\`} {
		got, err := s.ListUsers(t.Context(), helpdesk.UserFilter{Query: q, Limit: 100})
		must(t, "ListUsers(Query "+q+")", err)
		checkIDs(t, "ListUsers(Query "+q+") (LIKE wildcards must be literal)", ids(got, userID), []int64{})
	}
}

func testUserListPaging(t *testing.T, s helpdesk.Store) {
	var want []int64
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		u := mustCreateUser(t, s, n+"@page.example", "User "+n, helpdesk.RoleCustomer)
		want = append([]int64{u.ID}, want...)
	}
	var got []int64
	f := helpdesk.UserFilter{Limit: 3}
	for range 10 {
		page, err := s.ListUsers(t.Context(), f)
		must(t, "ListUsers", err)
		if len(page) > 3 {
			t.Fatalf("ListUsers(Limit 3): got %d users", len(page))
		}
		got = append(got, ids(page, userID)...)
		if len(page) < 3 {
			break
		}
		f.AfterID = page[len(page)-1].ID
	}
	checkIDs(t, "ListUsers paged by 3", got, want)
}

// testUserUnicodeCase checks "case-insensitive" means Unicode case, not
// only ASCII (SQLite's own lower() and LIKE fold ASCII only).
func testUserUnicodeCase(t *testing.T, s helpdesk.Store) {
	zoe := mustCreateUser(t, s, "zoë@example.com", "Émile Zoë", helpdesk.RoleCustomer)
	mustCreateUser(t, s, "other@example.com", "Other", helpdesk.RoleCustomer)
	got, err := s.FindUserByEmail(t.Context(), "ZOË@EXAMPLE.COM")
	if err != nil {
		t.Errorf("FindUserByEmail(ZOË@EXAMPLE.COM): %v", err)
	} else if got.ID != zoe.ID {
		t.Errorf("FindUserByEmail(ZOË@EXAMPLE.COM): id got %d, want %d", got.ID, zoe.ID)
	}
	dup := &helpdesk.User{Email: "ZOË@example.com", Name: "Dup", Role: helpdesk.RoleCustomer, CreatedAt: at(0), UpdatedAt: at(0)}
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, dup) })
	wantCode(t, "CreateUser(ZOË@example.com)", err, helpdesk.ECONFLICT)
	for _, q := range []string{"émile", "ÉMILE", "Émi", "ZOË@"} {
		list, err := s.ListUsers(t.Context(), helpdesk.UserFilter{Query: q, Limit: 10})
		must(t, "ListUsers(Query "+q+")", err)
		checkIDs(t, "ListUsers(Query "+q+")", ids(list, userID), []int64{zoe.ID})
	}
	list, err := s.ListUsers(t.Context(), helpdesk.UserFilter{Email: "ZOË@EXAMPLE.COM", Limit: 10})
	must(t, "ListUsers(Email ZOË@EXAMPLE.COM)", err)
	checkIDs(t, "ListUsers(Email ZOË@EXAMPLE.COM)", ids(list, userID), []int64{zoe.ID})
}
