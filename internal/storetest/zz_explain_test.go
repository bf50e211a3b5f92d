package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
)

func BenchmarkExplain(b *testing.B) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.URL(b), postgres.Options{})
	if err != nil { b.Fatal(err) }
	defer db.Close()
	if err := db.Migrate(ctx); err != nil { b.Fatal(err) }
	seedBench(b, db)
	q := `EXPLAIN ANALYZE SELECT t.id FROM tickets t WHERE t.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag = 'outage') ORDER BY t.updated_at DESC, t.id DESC LIMIT 50`
	q2 := `EXPLAIN ANALYZE SELECT t.id FROM tickets t WHERE (t.team_id IS NULL OR t.assignee_id = 2 OR t.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = 2)) ORDER BY t.updated_at DESC, t.id DESC LIMIT 50`
	show := func(label, q string) {
		rows, err := db.Pool().Query(ctx, q)
		if err != nil { b.Fatal(err) }
		b.Log("---", label)
		for rows.Next() { var s string; rows.Scan(&s); b.Log(s) }
		rows.Close()
	}
	show("tag, fresh", q); show("agent, fresh", q2)
	t0 := time.Now()
	if _, err := db.Pool().Exec(ctx, "ANALYZE"); err != nil { b.Fatal(err) }
	b.Log("analyze took", time.Since(t0))
	show("tag, analyzed", q); show("agent, analyzed", q2)
}
