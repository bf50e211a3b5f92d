package password

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"github.com/triagehq/triage/internal/helpdesk"
)

// commonList holds well-known passwords, lower-cased, one a line: the
// 30,000 most common of the zxcvbn project's list (see common.NOTICE) and
// long ones that pass the length rule but are guessed early all the same.
//
//go:embed common.txt
var commonList string

// minPersonalLen is the shortest email local part or name that a password
// may not contain; shorter ones ("al", "bob") would refuse too much.
const minPersonalLen = 4

// Check returns an EINVALID error on field "password" if pw is not an
// acceptable new password for the user with this email and name.
func Check(pw, email, name string) error {
	var v helpdesk.Validation
	Validate(&v, "password", pw, email, name)
	return v.Err()
}

// Validate adds at most one problem with pw to v under field: too short
// (in characters), too long (in bytes), too common, or containing the
// email's local part or the name. Callers validating several fields use
// it to report them all at once.
func Validate(v *helpdesk.Validation, field, pw, email, name string) {
	switch {
	case !utf8.ValidString(pw):
		v.Add(field, "must be valid UTF-8 text")
	case utf8.RuneCountInString(pw) < helpdesk.MinPasswordLen:
		v.Add(field, "must be at least %d characters", helpdesk.MinPasswordLen)
	case len(pw) > helpdesk.MaxPasswordLen:
		v.Add(field, "must be at most %d bytes", helpdesk.MaxPasswordLen)
	case IsCommon(pw):
		v.Add(field, "is too common; choose one that is harder to guess")
	case containsPersonal(pw, emailLocal(email)):
		v.Add(field, "must not contain your email address")
	case containsAnyName(pw, name):
		v.Add(field, "must not contain your name")
	}
}

// IsCommon reports whether pw, ignoring case, is in the common list.
func IsCommon(pw string) bool {
	pw = strings.ToLower(pw)
	if pw == "" || strings.ContainsAny(pw, "\r\n") {
		return false
	}
	return strings.HasPrefix(commonList, pw+"\n") || strings.Contains(commonList, "\n"+pw+"\n")
}

func emailLocal(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return email[:i]
	}
	return email
}

// containsAnyName checks the whole name, the name without spaces and each
// word of it, so "Ada Lovelace" also rules out "lovelace" and "adalovelace".
func containsAnyName(pw, name string) bool {
	words := strings.Fields(name)
	if containsPersonal(pw, strings.Join(words, " ")) || containsPersonal(pw, strings.Join(words, "")) {
		return true
	}
	for _, w := range words {
		if containsPersonal(pw, w) {
			return true
		}
	}
	return false
}

// containsPersonal reports whether pw contains s, ignoring case, when s is
// long enough to matter.
func containsPersonal(pw, s string) bool {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) < minPersonalLen {
		return false
	}
	return strings.Contains(strings.ToLower(pw), strings.ToLower(s))
}
