package service_test

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// signingKey derives the access-token key from authSecret the way the
// service does. TestAuthenticate_Tampered first proves it right by signing
// a token the service accepts, so the rejections below are not vacuous.
func signingKey(t *testing.T) []byte {
	t.Helper()
	key, err := hkdf.Key(sha256.New, authSecret, nil, "triage access-token v1", 32)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func forge(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

func TestAuthenticate_Tampered(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("fay@example.com", "Fay", helpdesk.RoleAdmin, goodPW)
	res := e.login("fay@example.com", goodPW)
	key := signingKey(t)
	now := e.clock.Now()
	claims := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{
			"sub": strconv.FormatInt(u.ID, 10), "sid": res.Session.ID, "iss": "triage",
			"iat": now.Unix(), "exp": now.Add(time.Minute).Unix(),
		}
		if edit != nil {
			edit(c)
		}
		return c
	}

	good := forge(t, jwt.SigningMethodHS256, key, claims(nil))
	if p := e.authenticate(good); p.User.ID != u.ID {
		t.Fatalf("forged-with-the-right-key token: user %d, want %d", p.User.ID, u.ID)
	}

	none := forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(nil))
	parts := strings.Split(res.AccessToken, ".")
	flipped := parts[0] + "." + parts[1] + "." + strings.Map(func(r rune) rune {
		if r == 'A' {
			return 'B'
		}
		return 'A'
	}, parts[2])
	for name, token := range map[string]string{
		"Empty":          "",
		"Garbage":        "not.a.jwt",
		"AlgNone":        none,
		"AlgHS512":       forge(t, jwt.SigningMethodHS512, key, claims(nil)),
		"OtherKey":       forge(t, jwt.SigningMethodHS256, []byte("another-key-another-key-another-key!"), claims(nil)),
		"BadSignature":   flipped,
		"WrongIssuer":    forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { c["iss"] = "evil" })),
		"NoIssuer":       forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { delete(c, "iss") })),
		"NoExpiry":       forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { delete(c, "exp") })),
		"Expired":        forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() })),
		"OtherSession":   forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { c["sid"] = "nope" })),
		"NoSession":      forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { delete(c, "sid") })),
		"OtherUser":      forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { c["sub"] = strconv.FormatInt(u.ID+1, 10) })),
		"SubjectNotID":   forge(t, jwt.SigningMethodHS256, key, claims(func(c jwt.MapClaims) { c["sub"] = "fay" })),
		"PayloadSwapped": parts[0] + "." + strings.Split(forge(t, jwt.SigningMethodHS256, []byte("x"), claims(nil)), ".")[1] + "." + parts[2],
	} {
		t.Run(name, func(t *testing.T) {
			p, err := e.svc.Authenticate(context.Background(), token)
			if p != nil {
				t.Fatalf("accepted: %+v", p)
			}
			authCode(t, "Authenticate", err, helpdesk.EUNAUTHORIZED)
		})
	}
}

func TestAuthenticate_Expiry(t *testing.T) {
	e := newAuthTestService(t)
	e.addUser("gus@example.com", "Gus", helpdesk.RoleAgent, goodPW)
	res := e.login("gus@example.com", goodPW)

	e.clock.Advance(service.DefaultAccessTTL - time.Minute)
	e.authenticate(res.AccessToken)
	e.clock.Advance(2 * time.Minute)
	_, err := e.svc.Authenticate(context.Background(), res.AccessToken)
	authCode(t, "Authenticate after expiry", err, helpdesk.EUNAUTHORIZED)
}

func TestAuthenticate_AccessNeverOutlivesSession(t *testing.T) {
	e := newAuthTestService(t, func(o *service.Options) {
		o.RefreshTTL = 10 * time.Minute
		o.AccessTTL = time.Hour
	})
	e.addUser("hal@example.com", "Hal", helpdesk.RoleAgent, goodPW)
	res := e.login("hal@example.com", goodPW)
	if res.AccessExpiresAt.After(res.Session.ExpiresAt) {
		t.Fatalf("access expires %v after its session %v", res.AccessExpiresAt, res.Session.ExpiresAt)
	}
	e.clock.Advance(11 * time.Minute)
	_, err := e.svc.Authenticate(context.Background(), res.AccessToken)
	authCode(t, "Authenticate after session end", err, helpdesk.EUNAUTHORIZED)
}

func TestAuthenticate_InactiveUser(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("ida@example.com", "Ida", helpdesk.RoleAgent, goodPW)
	res := e.login("ida@example.com", goodPW)
	e.deactivate(u)
	_, err := e.svc.Authenticate(context.Background(), res.AccessToken)
	authCode(t, "Authenticate inactive", err, helpdesk.EUNAUTHORIZED)
}

func TestAuthenticate_TouchThrottled(t *testing.T) {
	e := newAuthTestService(t)
	e.addUser("jo@example.com", "Jo", helpdesk.RoleAgent, goodPW)
	res := e.login("jo@example.com", goodPW)
	seen := func() time.Time {
		s, err := e.db.FindSession(context.Background(), res.Session.ID)
		authOK(t, "FindSession", err)
		return s.LastSeenAt
	}
	start := seen()
	e.clock.Advance(30 * time.Second)
	e.authenticate(res.AccessToken)
	if got := seen(); !got.Equal(start) {
		t.Fatalf("touched after 30s: %v -> %v", start, got)
	}
	e.clock.Advance(31 * time.Second)
	e.authenticate(res.AccessToken)
	want := e.clock.Now().UTC().Truncate(time.Microsecond)
	if got := seen(); !got.Equal(want) {
		t.Fatalf("last seen %v, want %v", got, want)
	}
}

func TestLogout(t *testing.T) {
	for _, cache := range []bool{false, true} {
		t.Run("Cache="+strconv.FormatBool(cache), func(t *testing.T) {
			e := newAuthTestService(t, func(o *service.Options) { o.CacheSessions = cache })
			u := e.addUser("kim@example.com", "Kim", helpdesk.RoleCustomer, goodPW)
			res := e.login("kim@example.com", goodPW)
			other := e.login("kim@example.com", goodPW)
			p := e.authenticate(res.AccessToken)
			e.authenticate(res.AccessToken) // served from the cache when on

			authOK(t, "Logout", e.svc.Logout(authCtx(), p))
			_, err := e.svc.Authenticate(context.Background(), res.AccessToken)
			authCode(t, "Authenticate after logout", err, helpdesk.EUNAUTHORIZED)
			_, err = e.svc.Refresh(context.Background(), res.RefreshToken)
			authCode(t, "Refresh after logout", err, helpdesk.EUNAUTHORIZED)
			e.authenticate(other.AccessToken) // other sessions live on

			logouts := e.auditOf("auth.logout")
			if len(logouts) != 1 || *logouts[0].ActorID != u.ID || logouts[0].TargetID != res.Session.ID {
				t.Fatalf("auth.logout entries %+v", logouts)
			}
		})
	}
}

func TestLogout_APIToken(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("lee@example.com", "Lee", helpdesk.RoleAgent, goodPW)
	err := e.svc.Logout(context.Background(), &helpdesk.Principal{User: u, TokenID: 7})
	authCode(t, "Logout with an API token", err, helpdesk.EINVALID)
}

func TestAuthenticate_CachedPrincipalIsACopy(t *testing.T) {
	e := newAuthTestService(t, withCache)
	e.addUser("max@example.com", "Max", helpdesk.RoleCustomer, goodPW)
	res := e.login("max@example.com", goodPW)
	p := e.authenticate(res.AccessToken)
	p.User.Role = helpdesk.RoleAdmin
	if got := e.authenticate(res.AccessToken).User.Role; got != helpdesk.RoleCustomer {
		t.Fatalf("a caller's change reached the cache: role %q", got)
	}
}
