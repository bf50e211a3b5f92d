package service_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func TestAPIToken_Lifecycle(t *testing.T) {
	e := newAuthTestService(t)
	cy := &helpdesk.Principal{User: e.addUser("cy@corp.example", "Cy", helpdesk.RoleAgent, goodPW)}
	di := &helpdesk.Principal{User: e.addUser("di@corp.example", "Di", helpdesk.RoleAgent, goodPW)}

	tok, plain, err := e.svc.CreateAPIToken(authCtx(), cy, "  CI bot  ", nil)
	authOK(t, "CreateAPIToken", err)
	if !regexp.MustCompile(`^trg_[A-Za-z0-9_-]{43}$`).MatchString(plain) {
		t.Fatalf("token %q is not trg_ + base64url(32 bytes)", plain)
	}
	if tok.Prefix != plain[:12] || tok.Name != "CI bot" || tok.UserID != cy.User.ID || tok.ID == 0 {
		t.Fatalf("token %+v (plain %s)", tok, plain[:12])
	}
	sum := sha256.Sum256([]byte(plain))
	stored, err := e.db.FindAPITokenByHash(context.Background(), hex.EncodeToString(sum[:]))
	authOK(t, "FindAPITokenByHash", err)
	if stored.ID != tok.ID || strings.Contains(stored.TokenHash, plain) {
		t.Fatalf("stored %+v", stored)
	}
	list, err := e.svc.ListAPITokens(context.Background(), cy)
	authOK(t, "ListAPITokens", err)
	if len(list) != 1 || list[0].ID != tok.ID {
		t.Fatalf("list %+v", list)
	}
	if list, _ := e.svc.ListAPITokens(context.Background(), di); len(list) != 0 {
		t.Fatalf("another user sees %d tokens", len(list))
	}
	created := e.auditOf("token.create")
	if len(created) != 1 || created[0].TargetID != strconv.FormatInt(tok.ID, 10) {
		t.Fatalf("token.create entries %+v", created)
	}
	if log := e.auditJSON(); strings.Contains(log, plain[4:]) || strings.Contains(log, stored.TokenHash) {
		t.Fatal("audit log holds the token or its hash")
	}

	p, err := e.svc.AuthenticateAPIToken(context.Background(), plain)
	authOK(t, "AuthenticateAPIToken", err)
	if p.User.ID != cy.User.ID || p.TokenID != tok.ID || p.SessionID != "" {
		t.Fatalf("principal %+v", p)
	}
	_, _, err = e.svc.CreateAPIToken(context.Background(), p, "child", nil)
	authCode(t, "CreateAPIToken with an API token", err, helpdesk.EFORBIDDEN)

	err = e.svc.RevokeAPIToken(context.Background(), di, tok.ID)
	authCode(t, "RevokeAPIToken of another user's token", err, helpdesk.ENOTFOUND)
	err = e.svc.RevokeAPIToken(context.Background(), cy, tok.ID+100)
	authCode(t, "RevokeAPIToken unknown", err, helpdesk.ENOTFOUND)
	e.authenticateAPI(plain)

	authOK(t, "RevokeAPIToken", e.svc.RevokeAPIToken(authCtx(), cy, tok.ID))
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "AuthenticateAPIToken after revoke", err, helpdesk.EUNAUTHORIZED)
	authOK(t, "RevokeAPIToken again", e.svc.RevokeAPIToken(context.Background(), cy, tok.ID))
	if n := len(e.auditOf("token.revoke")); n != 1 {
		t.Fatalf("token.revoke entries: %d, want 1", n)
	}
}

func (e *authEnv) authenticateAPI(token string) *helpdesk.Principal {
	e.t.Helper()
	p, err := e.svc.AuthenticateAPIToken(context.Background(), token)
	if err != nil {
		e.t.Fatalf("AuthenticateAPIToken: %v", err)
	}
	return p
}

func TestAPIToken_AdminRevokes(t *testing.T) {
	e := newAuthTestService(t)
	admin := &helpdesk.Principal{User: e.addUser("eli@corp.example", "Eli", helpdesk.RoleAdmin, goodPW)}
	cust := &helpdesk.Principal{User: e.addUser("flo@shop.example", "Flo", helpdesk.RoleCustomer, goodPW)}
	tok, plain, err := e.svc.CreateAPIToken(context.Background(), cust, "script", nil)
	authOK(t, "CreateAPIToken", err)
	authOK(t, "RevokeAPIToken as admin", e.svc.RevokeAPIToken(context.Background(), admin, tok.ID))
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "AuthenticateAPIToken", err, helpdesk.EUNAUTHORIZED)
	if r := e.auditOf("token.revoke"); len(r) != 1 || *r[0].ActorID != admin.User.ID {
		t.Fatalf("token.revoke entries %+v", r)
	}
}

func TestAPIToken_Expiry(t *testing.T) {
	e := newAuthTestService(t)
	gil := &helpdesk.Principal{User: e.addUser("gil@corp.example", "Gil", helpdesk.RoleAgent, goodPW)}
	past := e.clock.Now().Add(-time.Second)
	_, _, err := e.svc.CreateAPIToken(context.Background(), gil, "old", &past)
	authField(t, "CreateAPIToken expiring in the past", err, "expires_at")

	soon := e.clock.Now().Add(time.Hour)
	tok, plain, err := e.svc.CreateAPIToken(context.Background(), gil, "soon", &soon)
	authOK(t, "CreateAPIToken", err)
	if tok.ExpiresAt == nil || !tok.ExpiresAt.Equal(soon.Truncate(time.Microsecond)) {
		t.Fatalf("expires %v, want %v", tok.ExpiresAt, soon)
	}
	e.authenticateAPI(plain)
	e.clock.Advance(time.Hour)
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "AuthenticateAPIToken expired", err, helpdesk.EUNAUTHORIZED)
}

func TestAPIToken_Refused(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("hob@corp.example", "Hob", helpdesk.RoleAgent, goodPW)
	p := &helpdesk.Principal{User: u}
	for name, tokenName := range map[string]string{"Empty": "  ", "Long": strings.Repeat("n", 101), "Newline": "a\nb"} {
		_, _, err := e.svc.CreateAPIToken(context.Background(), p, tokenName, nil)
		authField(t, "CreateAPIToken "+name, err, "name")
	}
	_, plain, err := e.svc.CreateAPIToken(context.Background(), p, "ok", nil)
	authOK(t, "CreateAPIToken", err)
	for name, token := range map[string]string{
		"Empty":      "",
		"NoPrefix":   plain[4:],
		"WrongChar":  plain[:len(plain)-1] + map[bool]string{true: "B", false: "A"}[strings.HasSuffix(plain, "A")],
		"Truncated":  plain[:len(plain)-1],
		"AccessLike": "eyJhbGciOiJIUzI1NiJ9.e30.x",
	} {
		_, err := e.svc.AuthenticateAPIToken(context.Background(), token)
		authCode(t, "AuthenticateAPIToken "+name, err, helpdesk.EUNAUTHORIZED)
	}
	e.deactivate(u)
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "AuthenticateAPIToken of an inactive user", err, helpdesk.EUNAUTHORIZED)
}

func TestAPIToken_TouchThrottled(t *testing.T) {
	e := newAuthTestService(t)
	p := &helpdesk.Principal{User: e.addUser("ivo@corp.example", "Ivo", helpdesk.RoleAgent, goodPW)}
	tok, plain, err := e.svc.CreateAPIToken(context.Background(), p, "ci", nil)
	authOK(t, "CreateAPIToken", err)
	used := func() *time.Time {
		got, err := e.db.FindAPITokenByID(context.Background(), tok.ID)
		authOK(t, "FindAPITokenByID", err)
		return got.LastUsedAt
	}
	e.authenticateAPI(plain)
	first := used()
	if first == nil {
		t.Fatal("first use not recorded")
	}
	e.clock.Advance(59 * time.Second)
	e.authenticateAPI(plain)
	if got := used(); !got.Equal(*first) {
		t.Fatalf("touched within a minute: %v -> %v", first, got)
	}
	e.clock.Advance(time.Second)
	e.authenticateAPI(plain)
	if got := used(); !got.After(*first) {
		t.Fatalf("not touched after a minute: %v", got)
	}
}

// TestAPIToken_CacheForgetsAtOnce: with the in-memory cache on, a revoked
// token, and the tokens of a deactivated user, stop working on the next
// request, and a token that expires is never served from the cache.
func TestAPIToken_CacheForgetsAtOnce(t *testing.T) {
	e := newAuthTestService(t, withCache)
	admin := &helpdesk.Principal{User: e.addUser("root@corp.example", "Root", helpdesk.RoleAdmin, goodPW)}
	hal := &helpdesk.Principal{User: e.addUser("hal@corp.example", "Hal", helpdesk.RoleAgent, goodPW)}

	tok, plain, err := e.svc.CreateAPIToken(context.Background(), hal, "bot", nil)
	authOK(t, "CreateAPIToken", err)
	e.authenticateAPI(plain)
	e.authenticateAPI(plain) // now from the cache
	authOK(t, "RevokeAPIToken", e.svc.RevokeAPIToken(authCtx(), hal, tok.ID))
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "a cached token after its revocation", err, helpdesk.EUNAUTHORIZED)

	_, plain, err = e.svc.CreateAPIToken(context.Background(), hal, "bot 2", nil)
	authOK(t, "CreateAPIToken", err)
	e.authenticateAPI(plain)
	_, err = e.svc.UpdateUser(authCtx(), admin, hal.User.ID, helpdesk.UserUpdate{Active: ptr(false)})
	authOK(t, "deactivate", err)
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "a cached token of a deactivated user", err, helpdesk.EUNAUTHORIZED)

	ivy := &helpdesk.Principal{User: e.addUser("ivy@corp.example", "Ivy", helpdesk.RoleAgent, goodPW)}
	soon := e.clock.Now().Add(time.Minute)
	_, plain, err = e.svc.CreateAPIToken(context.Background(), ivy, "short", &soon)
	authOK(t, "CreateAPIToken", err)
	e.authenticateAPI(plain)
	e.clock.Advance(time.Minute)
	_, err = e.svc.AuthenticateAPIToken(context.Background(), plain)
	authCode(t, "an expired token once authenticated", err, helpdesk.EUNAUTHORIZED)
}
