package config_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/config"
)

func TestEnsureSecret(t *testing.T) {
	t.Run("GeneratedOnceWithMode0600", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		c := &config.Config{DataDir: dir}
		if err := c.EnsureSecret(); err != nil {
			t.Fatal(err)
		}
		if len(c.SecretKey) != config.MinSecretLen {
			t.Fatalf("got %d key bytes, want %d", len(c.SecretKey), config.MinSecretLen)
		}
		info, err := os.Stat(c.SecretPath())
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Fatalf("got mode %04o, want 0600", perm)
		}
		again := &config.Config{DataDir: dir}
		if err := again.EnsureSecret(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.SecretKey, c.SecretKey) {
			t.Fatal("a second start generated a different key")
		}
	})
	t.Run("ErrLoosePermissions", func(t *testing.T) {
		dir := t.TempDir()
		c := &config.Config{DataDir: dir}
		if err := c.EnsureSecret(); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(c.SecretPath(), 0o644); err != nil {
			t.Fatal(err)
		}
		err := (&config.Config{DataDir: dir}).EnsureSecret()
		if err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Fatalf("got %v, want a refusal naming chmod 600", err)
		}
	})
	t.Run("ErrGarbage", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "secret.key"), []byte("abcd\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := (&config.Config{DataDir: dir}).EnsureSecret(); err == nil {
			t.Fatal("got no error for a 2-byte key")
		}
	})
	t.Run("EnvKeyWins", func(t *testing.T) {
		dir := t.TempDir()
		key := []byte(strings.Repeat("s", 40))
		c := &config.Config{DataDir: dir, SecretKey: key}
		if err := c.EnsureSecret(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.SecretKey, key) {
			t.Fatal("the configured key was replaced")
		}
		if _, err := os.Stat(c.SecretPath()); !os.IsNotExist(err) {
			t.Fatalf("a key file was written although a key was configured: %v", err)
		}
	})
	t.Run("ErrPostgresWithoutKey", func(t *testing.T) {
		c := &config.Config{DataDir: t.TempDir(), DatabaseURL: "postgres://db/x"}
		if err := c.EnsureSecret(); err == nil {
			t.Fatal("got no error")
		}
	})
}

func TestCursorKey(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	k1, err := config.CursorKey(secret)
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := config.CursorKey(secret)
	if len(k1) != 32 || !bytes.Equal(k1, k2) {
		t.Fatalf("got %x and %x, want one stable 32-byte key", k1, k2)
	}
	if bytes.Equal(k1, secret) {
		t.Fatal("the cursor key is the raw secret")
	}
}
