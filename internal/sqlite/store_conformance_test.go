package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
	"github.com/triagehq/triage/internal/storetest"
)

// TestConformance runs the shared store suite against SQLite.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) helpdesk.Store { return conformanceStore(t) })
}

// BenchmarkStore runs the shared store benchmarks against SQLite.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, func(b *testing.B) helpdesk.Store { return conformanceStore(b) })
}

// conformanceStore returns a fresh, migrated SQLite store in a temporary directory,
// closed when tb ends.
func conformanceStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "triage.db"), sqlite.Options{})
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close sqlite: %v", err)
		}
	})
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate sqlite: %v", err)
	}
	return db
}
