package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func sessionTests() []test {
	return []test{
		{"Sessions/CreateFindRoundTrip", testSessionRoundTrip},
		{"Sessions/TouchAndRevoke", testSessionTouchRevoke},
		{"Sessions/ListOnlyLiveNewestFirst", testSessionList},
		{"Sessions/RevokeUserSessionsExcept", testSessionRevokeUser},
		{"Sessions/RefreshTokenUsedOnce", testRefreshToken},
	}
}

func sessionIDs(ss []*helpdesk.Session) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

// mustCreateSession stores a session for userID created at c, expiring at e.
func mustCreateSession(t *testing.T, s helpdesk.Store, id string, userID int64, c, e time.Time) *helpdesk.Session {
	t.Helper()
	ss := &helpdesk.Session{ID: id, UserID: userID, CreatedAt: c, LastSeenAt: c, ExpiresAt: e,
		IP: "203.0.113.7", UserAgent: "Mozilla/5.0 (storetest)"}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateSession(ctx, ss) })
	return ss
}

func testSessionRoundTrip(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "sid@corp.example", "Sid", helpdesk.RoleAgent)
	want := mustCreateSession(t, s, "sess_Abc-123_xyz", u.ID, at(time.Microsecond), at(24*time.Hour+time.Microsecond))
	got, err := s.FindSession(t.Context(), want.ID)
	must(t, "FindSession", err)
	checkEqual(t, "FindSession", got, want)
	_, err = s.FindSession(t.Context(), "sess_abc-123_xyz")
	wantCode(t, "FindSession(id in another case)", err, helpdesk.ENOTFOUND)
	_, err = s.FindSession(t.Context(), "missing")
	wantCode(t, "FindSession(missing)", err, helpdesk.ENOTFOUND)
}

func testSessionTouchRevoke(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "tia@corp.example", "Tia", helpdesk.RoleAgent)
	ss := mustCreateSession(t, s, "s1", u.ID, at(0), at(24*time.Hour))
	other := mustCreateSession(t, s, "s2", u.ID, at(0), at(24*time.Hour))
	seen, revoked := at(time.Hour+3*time.Microsecond), at(2*time.Hour+9*time.Microsecond)

	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.TouchSession(ctx, ss.ID, seen) })
	got, err := s.FindSession(t.Context(), ss.ID)
	must(t, "FindSession", err)
	ss.LastSeenAt = seen
	checkEqual(t, "after TouchSession", got, ss)

	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RevokeSession(ctx, ss.ID, revoked) })
	got, err = s.FindSession(t.Context(), ss.ID)
	must(t, "FindSession", err)
	ss.RevokedAt = &revoked
	checkEqual(t, "after RevokeSession", got, ss)
	if got.Live(at(3 * time.Hour)) {
		t.Errorf("revoked session is Live")
	}
	got, err = s.FindSession(t.Context(), other.ID)
	must(t, "FindSession(other)", err)
	checkEqual(t, "other session", got, other)
}

func testSessionList(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "uma@corp.example", "Uma", helpdesk.RoleAgent)
	v := mustCreateUser(t, s, "vic@corp.example", "Vic", helpdesk.RoleAgent)
	now := at(10 * time.Hour)
	// Ids sort opposite to creation time, so ordering by id is caught.
	older := mustCreateSession(t, s, "z-older", u.ID, at(time.Hour), at(48*time.Hour))
	newer := mustCreateSession(t, s, "a-newer", u.ID, at(2*time.Hour), at(48*time.Hour))
	mustCreateSession(t, s, "expired", u.ID, at(3*time.Hour), at(9*time.Hour))
	mustCreateSession(t, s, "expires-now", u.ID, at(3*time.Hour), now)
	revoked := mustCreateSession(t, s, "revoked", u.ID, at(4*time.Hour), at(48*time.Hour))
	mustCreateSession(t, s, "someone-else", v.ID, at(5*time.Hour), at(48*time.Hour))
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.RevokeSession(ctx, revoked.ID, at(6*time.Hour))
	})

	got, err := s.ListSessions(t.Context(), u.ID, now)
	must(t, "ListSessions", err)
	checkEqual(t, "ListSessions(live, newest first) ids", sessionIDs(got), []string{newer.ID, older.ID})
	if len(got) == 2 {
		checkEqual(t, "ListSessions rows", got, []*helpdesk.Session{newer, older})
	}
	got, err = s.ListSessions(t.Context(), u.ID, at(100*time.Hour))
	must(t, "ListSessions(later)", err)
	if got == nil || len(got) != 0 {
		t.Errorf("ListSessions(after every expiry): got %v, want empty non-nil", sessionIDs(got))
	}
}

func testSessionRevokeUser(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "wes@corp.example", "Wes", helpdesk.RoleAgent)
	v := mustCreateUser(t, s, "xan@corp.example", "Xan", helpdesk.RoleAgent)
	now := at(10 * time.Hour)
	for _, id := range []string{"keep", "live1", "live2", "gone"} {
		mustCreateSession(t, s, id, u.ID, at(time.Hour), at(48*time.Hour))
	}
	mustCreateSession(t, s, "expired", u.ID, at(time.Hour), at(2*time.Hour))
	mustCreateSession(t, s, "other-user", v.ID, at(time.Hour), at(48*time.Hour))
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RevokeSession(ctx, "gone", at(3*time.Hour)) })

	var n int
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		n, err = tx.RevokeUserSessions(ctx, u.ID, "keep", now)
		return err
	})
	if n != 2 {
		t.Errorf("RevokeUserSessions(except keep): revoked got %d, want 2 (live1, live2; not the revoked or expired ones)", n)
	}
	got, err := s.ListSessions(t.Context(), u.ID, now)
	must(t, "ListSessions", err)
	checkEqual(t, "ListSessions after RevokeUserSessions", sessionIDs(got), []string{"keep"})
	gone, err := s.FindSession(t.Context(), "gone")
	must(t, "FindSession(gone)", err)
	if gone.RevokedAt == nil || !gone.RevokedAt.Equal(at(3*time.Hour)) {
		t.Errorf("already revoked session: RevokedAt got %v, want the original %v", gone.RevokedAt, at(3*time.Hour))
	}
	got, err = s.ListSessions(t.Context(), v.ID, now)
	must(t, "ListSessions(other user)", err)
	checkEqual(t, "other user's sessions", sessionIDs(got), []string{"other-user"})

	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		n, err = tx.RevokeUserSessions(ctx, u.ID, "", now)
		return err
	})
	if n != 1 {
		t.Errorf("RevokeUserSessions(no exception): revoked got %d, want 1", n)
	}
	got, err = s.ListSessions(t.Context(), u.ID, now)
	must(t, "ListSessions", err)
	checkEqual(t, "ListSessions after revoking all", sessionIDs(got), []string{})
}

func testRefreshToken(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "yul@corp.example", "Yul", helpdesk.RoleAgent)
	mustCreateSession(t, s, "fam", u.ID, at(0), at(48*time.Hour))
	want := &helpdesk.RefreshToken{TokenHash: "9f86d081884c7d659a2feaa0c55ad015", SessionID: "fam",
		CreatedAt: at(time.Microsecond), ExpiresAt: at(24*time.Hour + time.Microsecond)}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateRefreshToken(ctx, want) })
	got, err := s.FindRefreshToken(t.Context(), want.TokenHash)
	must(t, "FindRefreshToken", err)
	checkEqual(t, "FindRefreshToken", got, want)

	used := at(time.Hour + 5*time.Microsecond)
	for i, wantOK := range []bool{true, false, false} {
		var ok bool
		update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
			var err error
			ok, err = tx.UseRefreshToken(ctx, want.TokenHash, at(time.Hour*time.Duration(i+1)+5*time.Microsecond))
			return err
		})
		if ok != wantOK {
			t.Errorf("UseRefreshToken #%d: got %v, want %v", i+1, ok, wantOK)
		}
	}
	got, err = s.FindRefreshToken(t.Context(), want.TokenHash)
	must(t, "FindRefreshToken", err)
	want.UsedAt = &used
	checkEqual(t, "FindRefreshToken after use (first use time kept)", got, want)
	_, err = s.FindRefreshToken(t.Context(), "missing")
	wantCode(t, "FindRefreshToken(missing)", err, helpdesk.ENOTFOUND)
}
