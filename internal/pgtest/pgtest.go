// Package pgtest gives each PostgreSQL test its own throwaway database, so
// tests never share state and can run in parallel. Only tests import it.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is the server used when TRIAGE_TEST_POSTGRES_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL creates a fresh, empty database named triage_test_<random hex> on the
// server named by TRIAGE_TEST_POSTGRES_URL and returns its URL. The database
// is dropped when the test ends. An unreachable server skips the test,
// except in CI (CI=true), where PostgreSQL coverage must never silently
// disappear, so it fails instead.
func URL(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv("TRIAGE_TEST_POSTGRES_URL")
	if admin == "" {
		admin = DefaultURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		unreachable(tb, admin, err)
	}
	defer conn.Close(context.Background())

	name := "triage_test_" + randomHex(8)
	// CREATE DATABASE takes no bind parameters; the name is our own hex.
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() { drop(tb, admin, name) })

	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatalf("pgtest: parse %s: %v", redact(admin), err)
	}
	u.Path = "/" + name
	return u.String()
}

// unreachable skips or fails the test, depending on whether we run in CI.
func unreachable(tb testing.TB, admin string, err error) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("PostgreSQL not reachable at %s: %v (CI=true: PostgreSQL tests must not skip)", redact(admin), err)
	}
	tb.Skipf("PostgreSQL not reachable at %s: %v (set CI=true to make this fatal)", redact(admin), err)
}

// drop removes the test database. WITH (FORCE) ends connections a leaky
// test (or a still-open pool) left behind, which would otherwise block it.
func drop(tb testing.TB, admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Errorf("pgtest: connect to drop %s: %v", name, err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		tb.Errorf("pgtest: drop database %s: %v", name, err)
	}
}

// randomHex returns n random bytes as hex; crypto/rand never fails.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// redact hides a password in u, so it never lands in test logs.
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparsable URL)"
	}
	return p.Redacted()
}
