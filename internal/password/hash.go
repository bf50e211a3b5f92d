// Package password hashes passwords with argon2id, stores them as PHC
// strings, and refuses passwords that are short, common or personal.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams follow OWASP's recommendation for argon2id (19 MiB, two
// passes, one thread), which costs tens of milliseconds per hash.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Limits on the parameters read back from a stored hash. A stored hash is
// trusted data, but a corrupted or planted one must not make a login
// allocate gigabytes.
const (
	maxMemory  = 1 << 20 // 1 GiB
	maxTime    = 100
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 128
)

// ErrMalformedHash is returned (wrapped) for a stored hash that is not an
// argon2id PHC string this package can verify.
var ErrMalformedHash = errors.New("malformed password hash")

// Hasher hashes new passwords with one set of parameters and verifies
// hashes made with any parameters.
type Hasher struct {
	params Params
}

// NewHasher returns a Hasher for p. Zero fields take DefaultParams' values,
// so the zero Params means the defaults.
func NewHasher(p Params) *Hasher {
	d := DefaultParams
	if p.Memory == 0 {
		p.Memory = d.Memory
	}
	if p.Time == 0 {
		p.Time = d.Time
	}
	if p.Threads == 0 {
		p.Threads = d.Threads
	}
	if p.SaltLen == 0 {
		p.SaltLen = d.SaltLen
	}
	if p.KeyLen == 0 {
		p.KeyLen = d.KeyLen
	}
	return &Hasher{params: p}
}

// Params returns the parameters h hashes with.
func (h *Hasher) Params() Params { return h.params }

// Hash returns the PHC string of pw with a fresh random salt.
func (h *Hasher) Hash(pw string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	key := derive(pw, salt, h.params)
	return format(h.params, salt, key), nil
}

// Verify reports whether pw matches hash. needsRehash is true when it
// matches but hash was made with other parameters than h's, so the caller
// should store a fresh Hash(pw). A malformed hash is an error wrapping
// ErrMalformedHash.
func (h *Hasher) Verify(hash, pw string) (ok, needsRehash bool, err error) {
	p, salt, key, err := parse(hash)
	if err != nil {
		return false, false, err
	}
	got := derive(pw, salt, p)
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	return true, p != h.params, nil
}

// Decoy does the work of a Verify of pw that fails. Login calls it when
// there is no hash to check, so that response times do not tell which
// accounts exist.
func (h *Hasher) Decoy(pw string) {
	salt := make([]byte, h.params.SaltLen)
	key := derive(pw, salt, h.params)
	subtle.ConstantTimeCompare(key, salt)
}

func derive(pw string, salt []byte, p Params) []byte {
	return argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

func format(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}
