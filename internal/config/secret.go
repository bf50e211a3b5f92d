package config

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// EnsureSecret fills in c.SecretKey when TRIAGE_SECRET_KEY was not given.
// On SQLite it reads the key kept in the data directory, generating 32
// random bytes on first use. It refuses a key file that anyone but its owner
// may read, since whoever holds the key can forge sessions.
func (c *Config) EnsureSecret() error {
	if c.SecretKey != nil {
		return nil
	}
	if c.PostgreSQL() {
		return errors.New("TRIAGE_SECRET_KEY is required with PostgreSQL")
	}
	key, err := readSecretFile(c.SecretPath())
	if errors.Is(err, fs.ErrNotExist) {
		key, err = createSecretFile(c.DataDir, c.SecretPath())
	}
	if err != nil {
		return err
	}
	c.SecretKey = key
	return nil
}

func readSecretFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("secret key file %s has mode %04o, which lets other users read it; "+
			"run `chmod 600 %s` and start again", path, perm, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read secret key file: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < MinSecretLen {
		return nil, fmt.Errorf("secret key file %s must hold at least %d bytes as hex", path, MinSecretLen)
	}
	return key, nil
}

// createSecretFile writes a new random key. O_EXCL makes two processes
// starting at once agree on one key: the loser reads the winner's.
func createSecretFile(dir, path string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	key := make([]byte, MinSecretLen)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("generate secret key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return readSecretFile(path)
	} else if err != nil {
		return nil, fmt.Errorf("create secret key file: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("write secret key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("write secret key file: %w", err)
	}
	return key, nil
}

// CursorKey derives the key that signs list cursors from the server secret.
// Each use of the secret gets its own derived key (HKDF with a distinct
// label), so a weakness in one use cannot leak another's key.
func CursorKey(secret []byte) ([]byte, error) {
	key, err := hkdf.Key(sha256.New, secret, nil, "triage cursor v1", 32)
	if err != nil {
		return nil, fmt.Errorf("derive cursor key: %w", err)
	}
	return key, nil
}
