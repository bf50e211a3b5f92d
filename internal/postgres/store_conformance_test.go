package postgres_test

import (
	"context"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/storetest"
)

// TestConformance runs the shared store suite against PostgreSQL, one
// fresh database per subtest.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) helpdesk.Store { return conformanceStore(t) })
}

// BenchmarkStore runs the shared store benchmarks against PostgreSQL.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, func(b *testing.B) helpdesk.Store {
		return analyzedStore{conformanceStore(b)}
	})
}

// analyzedStore lets the benchmark refresh planner statistics after its
// bulk load, as autovacuum would soon do in a running deployment; without
// it the first minutes after a load run on an empty table's estimates.
type analyzedStore struct{ *postgres.DB }

func (s analyzedStore) Analyze(ctx context.Context) error {
	_, err := s.Pool().Exec(ctx, "ANALYZE")
	return err
}

// conformanceStore returns a fresh, migrated PostgreSQL store in its own database,
// closed (then dropped, by pgtest) when tb ends.
func conformanceStore(tb testing.TB) *postgres.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.URL(tb), postgres.Options{})
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close postgres: %v", err)
		}
	})
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate postgres: %v", err)
	}
	return db
}
