package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func tokenTests() []test {
	return []test{
		{"APITokens/CreateFindRoundTrip", testAPITokenRoundTrip},
		{"APITokens/DuplicateHash", testAPITokenDuplicate},
		{"APITokens/ListNewestFirstTouchRevoke", testAPITokenList},
		{"APITokens/RevokeUserAPITokens", testAPITokenRevokeUser},
		{"PasswordResets/UseOnce", testPasswordReset},
	}
}

func apiTokenID(t *helpdesk.APIToken) int64 { return t.ID }

func mustCreateAPIToken(t *testing.T, s helpdesk.Store, userID int64, hash string, created time.Time, expires *time.Time) *helpdesk.APIToken {
	t.Helper()
	tok := &helpdesk.APIToken{UserID: userID, Name: "CI " + hash, Prefix: "trg_" + hash[:4], TokenHash: hash,
		CreatedAt: created, ExpiresAt: expires}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateAPIToken(ctx, tok) })
	if tok.ID <= 0 {
		t.Fatalf("CreateAPIToken: id got %d, want > 0", tok.ID)
	}
	return tok
}

func testAPITokenRoundTrip(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "bot@corp.example", "Bot", helpdesk.RoleAgent)
	want := mustCreateAPIToken(t, s, u.ID, "aaaa1111", at(time.Microsecond), ptr(at(90*24*time.Hour+time.Microsecond)))
	got, err := s.FindAPITokenByID(t.Context(), want.ID)
	must(t, "FindAPITokenByID", err)
	checkEqual(t, "FindAPITokenByID", got, want)
	got, err = s.FindAPITokenByHash(t.Context(), want.TokenHash)
	must(t, "FindAPITokenByHash", err)
	checkEqual(t, "FindAPITokenByHash", got, want)

	forever := mustCreateAPIToken(t, s, u.ID, "bbbb2222", at(0), nil)
	got, err = s.FindAPITokenByID(t.Context(), forever.ID)
	must(t, "FindAPITokenByID(no expiry)", err)
	checkEqual(t, "FindAPITokenByID(no expiry)", got, forever)

	_, err = s.FindAPITokenByID(t.Context(), forever.ID+100)
	wantCode(t, "FindAPITokenByID(missing)", err, helpdesk.ENOTFOUND)
	_, err = s.FindAPITokenByHash(t.Context(), "nope")
	wantCode(t, "FindAPITokenByHash(missing)", err, helpdesk.ENOTFOUND)
}

func testAPITokenDuplicate(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "dup@corp.example", "Dup", helpdesk.RoleAgent)
	mustCreateAPIToken(t, s, u.ID, "cccc3333", at(0), nil)
	dup := &helpdesk.APIToken{UserID: u.ID, Name: "again", Prefix: "trg_cccc", TokenHash: "cccc3333", CreatedAt: at(0)}
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateAPIToken(ctx, dup) })
	wantCode(t, "CreateAPIToken(duplicate hash)", err, helpdesk.ECONFLICT)
}

func testAPITokenList(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "lee@corp.example", "Lee", helpdesk.RoleAgent)
	v := mustCreateUser(t, s, "mo@corp.example", "Mo", helpdesk.RoleAgent)
	t1 := mustCreateAPIToken(t, s, u.ID, "dddd0001", at(time.Hour), nil)
	t2 := mustCreateAPIToken(t, s, u.ID, "dddd0002", at(2*time.Hour), nil)
	mustCreateAPIToken(t, s, v.ID, "dddd0003", at(3*time.Hour), nil)
	t3 := mustCreateAPIToken(t, s, u.ID, "dddd0004", at(4*time.Hour), nil)

	used, revoked := at(5*time.Hour+1*time.Microsecond), at(6*time.Hour+2*time.Microsecond)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.TouchAPIToken(ctx, t1.ID, used) })
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RevokeAPIToken(ctx, t2.ID, revoked) })
	t1.LastUsedAt, t2.RevokedAt = &used, &revoked

	got, err := s.ListAPITokens(t.Context(), u.ID)
	must(t, "ListAPITokens", err)
	checkIDs(t, "ListAPITokens (newest first, revoked included)", ids(got, apiTokenID), []int64{t3.ID, t2.ID, t1.ID})
	if len(got) == 3 {
		checkEqual(t, "ListAPITokens rows", got, []*helpdesk.APIToken{t3, t2, t1})
	}
	got, err = s.ListAPITokens(t.Context(), u.ID+v.ID+100)
	must(t, "ListAPITokens(nobody)", err)
	if got == nil || len(got) != 0 {
		t.Errorf("ListAPITokens(no tokens): got %v, want empty non-nil", ids(got, apiTokenID))
	}
}

func testAPITokenRevokeUser(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "nat@corp.example", "Nat", helpdesk.RoleAgent)
	v := mustCreateUser(t, s, "oz@corp.example", "Oz", helpdesk.RoleAgent)
	now := at(10 * time.Hour)
	live1 := mustCreateAPIToken(t, s, u.ID, "eeee0001", at(time.Hour), nil)
	live2 := mustCreateAPIToken(t, s, u.ID, "eeee0002", at(time.Hour), ptr(at(48*time.Hour)))
	old := mustCreateAPIToken(t, s, u.ID, "eeee0003", at(time.Hour), nil)
	expired := mustCreateAPIToken(t, s, u.ID, "eeee0004", at(time.Hour), ptr(at(2*time.Hour)))
	theirs := mustCreateAPIToken(t, s, v.ID, "eeee0005", at(time.Hour), nil)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.RevokeAPIToken(ctx, old.ID, at(3*time.Hour))
	})

	var n int
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		n, err = tx.RevokeUserAPITokens(ctx, u.ID, now)
		return err
	})
	if n != 2 {
		t.Errorf("RevokeUserAPITokens: revoked got %d, want 2 (the live ones only)", n)
	}
	for _, c := range []struct {
		tok  *helpdesk.APIToken
		want *time.Time
	}{{live1, &now}, {live2, &now}, {old, ptr(at(3 * time.Hour))}, {theirs, nil}} {
		got, err := s.FindAPITokenByID(t.Context(), c.tok.ID)
		must(t, "FindAPITokenByID", err)
		checkEqual(t, "RevokedAt of "+c.tok.TokenHash, got.RevokedAt, c.want)
	}
	got, err := s.FindAPITokenByID(t.Context(), expired.ID)
	must(t, "FindAPITokenByID(expired)", err)
	if got.Live(now) {
		t.Errorf("expired token is Live after RevokeUserAPITokens")
	}
}

func testPasswordReset(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "pam@shop.example", "Pam", helpdesk.RoleCustomer)
	want := &helpdesk.PasswordReset{TokenHash: "ffff0001", UserID: u.ID,
		CreatedAt: at(time.Microsecond), ExpiresAt: at(time.Hour + time.Microsecond)}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreatePasswordReset(ctx, want) })
	got, err := s.FindPasswordReset(t.Context(), want.TokenHash)
	must(t, "FindPasswordReset", err)
	checkEqual(t, "FindPasswordReset", got, want)

	used := at(30*time.Minute + 7*time.Microsecond)
	for i, wantOK := range []bool{true, false} {
		var ok bool
		update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
			var err error
			ok, err = tx.UsePasswordReset(ctx, want.TokenHash, used.Add(time.Duration(i)*time.Minute))
			return err
		})
		if ok != wantOK {
			t.Errorf("UsePasswordReset #%d: got %v, want %v", i+1, ok, wantOK)
		}
	}
	got, err = s.FindPasswordReset(t.Context(), want.TokenHash)
	must(t, "FindPasswordReset", err)
	want.UsedAt = &used
	checkEqual(t, "FindPasswordReset after use (first use time kept)", got, want)
	_, err = s.FindPasswordReset(t.Context(), "missing")
	wantCode(t, "FindPasswordReset(missing)", err, helpdesk.ENOTFOUND)
}
