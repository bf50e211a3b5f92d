// Package sealed encrypts short secrets that must pass through storage
// they should not be readable in, such as a password reset token inside a
// background job's arguments. It is AES-256-GCM from the standard
// library with a random nonce, nothing more.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"fmt"
)

// KeySize is the length of a key: AES-256.
const KeySize = 32

// ErrOpen is returned by Open for anything it cannot open: a wrong key, a
// changed box or ad, or text that is no box at all.
var ErrOpen = errors.New("sealed: cannot open")

// Seal encrypts and authenticates plaintext under key, bound to ad
// (additional data, which Open must be given again, so a box cannot be
// moved to another purpose or user). The result is URL-safe base64.
func Seal(key, plaintext, ad []byte) (string, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return "", err
	}
	// The AEAD draws a fresh random nonce and prepends it.
	return base64.RawURLEncoding.EncodeToString(aead.Seal(nil, nil, plaintext, ad)), nil
}

// Open returns the plaintext of box, sealed by Seal with key and ad.
// Every failure is ErrOpen, which says nothing about the contents.
func Open(key []byte, box string, ad []byte) ([]byte, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	raw, err := base64.RawURLEncoding.DecodeString(box)
	if err != nil {
		return nil, ErrOpen
	}
	plain, err := aead.Open(nil, nil, raw, ad)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("sealed: key is %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("sealed: %w", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("sealed: %w", err)
	}
	return aead, nil
}
