package password_test

import (
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
)

func TestCheck(t *testing.T) {
	const email, name = "ada.lovelace@example.com", "Ada Lovelace"
	for _, tt := range []struct {
		name, pw, wantMsg string // wantMsg "" means accepted
	}{
		{"OK", "velvet-orbit-canyon-42", ""},
		{"OKUnicode", "ünïcödé-pässwörd", ""},
		{"OKExactlyMinRunes", "éééééééééééé", ""},
		{"TooShort", "Xk9#mQ2$vL7", "at least 12 characters"},
		{"TooShortInRunes", "ééééééééééé", "at least 12 characters"},
		{"TooLong", strings.Repeat("z", helpdesk.MaxPasswordLen+1), "at most 1024 bytes"},
		{"MaxBytes", strings.Repeat("zq", helpdesk.MaxPasswordLen/2), ""},
		{"InvalidUTF8", "abcdefghijk\xff\xfe", "valid UTF-8"},
		{"Common", "password1234", "too common"},
		{"CommonAnyCase", "PassWord1234", "too common"},
		{"CommonQwerty", "qwertyuiop123", "too common"},
		{"CommonDigits", "123456789012", "too common"},
		{"CommonMirrored", "123456654321", "too common"},
		{"EmailLocal", "my-ada.lovelace-pass", "email address"},
		{"EmailLocalAnyCase", "ADA.LOVELACE!2024", "email address"},
		{"FullName", "i am ada lovelace!", "your name"},
		{"NameWord", "xx-LOVELACE-2024-xx", "your name"},
		{"NameJoined", "adalovelace#77!", "your name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := password.Check(tt.pw, email, name)
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("Check(%.30q) = %v, want nil", tt.pw, err)
				}
				return
			}
			if got := helpdesk.ErrorCode(err); got != helpdesk.EINVALID {
				t.Fatalf("code = %q, want %q (err %v)", got, helpdesk.EINVALID, err)
			}
			fields := helpdesk.ErrorFields(err)
			if len(fields) != 1 || fields[0].Field != "password" || !strings.Contains(fields[0].Message, tt.wantMsg) {
				t.Fatalf("fields = %+v, want one on password containing %q", fields, tt.wantMsg)
			}
		})
	}
}

func TestCheck_ShortPersonalPartsIgnored(t *testing.T) {
	// Local parts and names under four characters would refuse too much.
	if err := password.Check("bob-al-ed-quietly-walks", "bob@example.com", "Al Ed"); err != nil {
		t.Fatalf("Check = %v, want nil", err)
	}
	if err := password.Check("long enough passphrase", "", ""); err != nil {
		t.Fatalf("Check without email or name = %v, want nil", err)
	}
}

func TestValidate_Field(t *testing.T) {
	var v helpdesk.Validation
	v.Add("email", "is required")
	password.Validate(&v, "new_password", "short", "", "")
	fields := helpdesk.ErrorFields(v.Err())
	if len(fields) != 2 || fields[1].Field != "new_password" {
		t.Fatalf("fields = %+v, want email and new_password", fields)
	}
}

func TestIsCommon(t *testing.T) {
	for _, pw := range []string{"123456", "password", "dragon", "iloveyou", "trustno1", "QWERTY", "letmein", "1q2w3e4r5t6y", "qwerty123456"} {
		if !password.IsCommon(pw) {
			t.Errorf("IsCommon(%q) = false, want true", pw)
		}
	}
	for _, pw := range []string{"", "velvet-orbit-canyon-42", "password\n123456", "passwordx", "123456\n"} {
		if password.IsCommon(pw) {
			t.Errorf("IsCommon(%q) = true, want false", pw)
		}
	}
}
