package sealed_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/sealed"
)

var (
	key   = bytes.Repeat([]byte{7}, sealed.KeySize)
	other = bytes.Repeat([]byte{8}, sealed.KeySize)
	ad    = []byte("password_reset 42")
)

func TestSealOpen(t *testing.T) {
	const secret = "raw-token-3f9a"
	box, err := sealed.Seal(key, []byte(secret), ad)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(box, secret) {
		t.Fatalf("box %q shows the plaintext", box)
	}
	again, err := sealed.Seal(key, []byte(secret), ad)
	if err != nil {
		t.Fatal(err)
	}
	if again == box {
		t.Errorf("two seals of one secret are equal: the nonce is not random")
	}
	got, err := sealed.Open(key, box, ad)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if string(got) != secret {
		t.Errorf("got %q, want %q", got, secret)
	}
}

func TestOpenRefuses(t *testing.T) {
	box, err := sealed.Seal(key, []byte("raw-token"), ad)
	if err != nil {
		t.Fatal(err)
	}
	// Flip one character in the middle of the ciphertext.
	b := []byte(box)
	i := len(b) / 2
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	tests := []struct {
		name string
		key  []byte
		box  string
		ad   []byte
	}{
		{"Tampered", key, string(b), ad},
		{"WrongKey", other, box, ad},
		{"WrongAD", key, box, []byte("password_reset 43")},
		{"Truncated", key, box[:10], ad},
		{"NotBase64", key, "not base64!", ad},
		{"Empty", key, "", ad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sealed.Open(tt.key, tt.box, tt.ad)
			if !errors.Is(err, sealed.ErrOpen) {
				t.Fatalf("got %q, %v; want ErrOpen", got, err)
			}
		})
	}
}

func TestErrKeySize(t *testing.T) {
	for _, k := range [][]byte{nil, key[:16], append(key, 1)} {
		if _, err := sealed.Seal(k, []byte("x"), nil); err == nil {
			t.Errorf("Seal with a %d-byte key: want an error", len(k))
		}
		if _, err := sealed.Open(k, "AAAA", nil); err == nil || errors.Is(err, sealed.ErrOpen) {
			t.Errorf("Open with a %d-byte key: got %v, want a key size error", len(k), err)
		}
	}
}
