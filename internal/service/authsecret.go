package service

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Caller-safe messages of the authentication errors. One message for every
// way a credential can fail, so that failures tell an attacker nothing.
const (
	msgBadLogin      = "Invalid email or password."
	msgBadCredential = "Invalid or expired credentials."
	msgBadRefresh    = "Invalid or expired refresh token."
)

// maxClientMetaLen bounds the IP and user agent stored with a session.
const maxClientMetaLen = 512

// newTokenSecret returns 32 bytes from crypto/rand, base64url without
// padding (43 characters): session ids, refresh, reset and API tokens.
func newTokenSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails; it crashes instead.
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenDigest returns the hex SHA-256 of a bearer token: what the store
// keeps, so a leaked database holds no usable credential. The tokens carry
// 256 random bits, so a fast unsalted hash is enough.
func tokenDigest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// clipRunes cuts s to at most n runes without splitting a character.
func clipRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// userTarget is an audit target id for a user.
func userTarget(u *helpdesk.User) string { return strconv.FormatInt(u.ID, 10) }

// principalOf is the audit actor for u acting by itself.
func principalOf(u *helpdesk.User) *helpdesk.Principal { return &helpdesk.Principal{User: u} }

// checkPrincipal refuses a missing caller. The HTTP layer never passes
// one, but a nil here must not turn into a panic or an anonymous change.
func checkPrincipal(p *helpdesk.Principal) error {
	if p == nil || p.User == nil {
		return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	}
	return nil
}

// clonePrincipal copies p and its user, so callers may not change what the
// session cache holds.
func clonePrincipal(p *helpdesk.Principal) *helpdesk.Principal {
	cp := *p
	u := *p.User
	cp.User = &u
	return &cp
}
