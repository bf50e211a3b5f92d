package seed_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/seed"
	"github.com/triagehq/triage/internal/sqlite"
)

// TestRun_Data checks the shape of a larger seed: what the benchmark and
// the demo rely on.
func TestRun_Data(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	const n = 3000
	opts := options(n)
	opts.Customers, opts.BatchSize, opts.History = 0, 0, 3*365*24*time.Hour
	if _, err := seed.Run(ctx, db, opts); err != nil {
		t.Fatal(err)
	}

	t.Run("BodyHTML", func(t *testing.T) {
		// The seed renders bodies from cached paragraphs; it must give
		// exactly what the Markdown renderer gives.
		r := markdown.New()
		rows, err := db.Reader().QueryContext(ctx, `SELECT id, body, body_html FROM comments`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var checked, failed int
		for rows.Next() {
			var id int64
			var body, html string
			if err := rows.Scan(&id, &body, &html); err != nil {
				t.Fatal(err)
			}
			if want := r.Render(body); html != want && failed < 5 {
				failed++
				t.Errorf("comment %d: body %q\ngot  %q\nwant %q", id, body, html, want)
			}
			checked++
		}
		if err := rows.Err(); err != nil || checked < 2*n {
			t.Fatalf("checked %d comments (%v), want at least %d", checked, err, 2*n)
		}
	})
	t.Run("Comments", func(t *testing.T) {
		counts := ints(t, db, `SELECT count(*) FROM comments GROUP BY ticket_id`)
		if len(counts) != n {
			t.Fatalf("got %d tickets with comments, want all %d", len(counts), n)
		}
		mean := float64(sum(counts)) / n
		if lo, hi := slices.Min(counts), slices.Max(counts); lo < 1 || hi > 11 || hi < 7 || mean < 2.7 || mean > 3.5 {
			t.Errorf("comments per ticket: %d to %d, mean %.2f; want 1 (the description) to 11, a tail past 6 and a mean about 3",
				lo, hi, mean)
		}
	})
	t.Run("Words", func(t *testing.T) {
		for _, tc := range []struct {
			word   string
			lo, hi float64
		}{{seed.CommonWord, 0.45, 0.55}, {seed.FivePercentWord, 0.035, 0.065}} {
			got := float64(matches(t, db, tc.word)) / n
			if got < tc.lo || got > tc.hi {
				t.Errorf("%q is in %.3f of tickets, want %.3f to %.3f", tc.word, got, tc.lo, tc.hi)
			}
		}
		rare := seed.RareWords()
		total := 0
		for _, w := range rare {
			total += matches(t, db, w)
		}
		if len(rare) < 5 || total > 10 {
			t.Errorf("the %d rare words are in %d of %d tickets, want a handful at most", len(rare), total, n)
		}
	})
	t.Run("Requesters", func(t *testing.T) {
		counts := ints(t, db, `SELECT count(*) FROM tickets GROUP BY requester_id ORDER BY 1 DESC`)
		if top, median := counts[0], counts[len(counts)/2]; top < 4*median || top > n/10 {
			t.Errorf("the busiest requester has %d tickets, the median one %d; want a skew, but no requester with a tenth of all",
				top, median)
		}
	})
	t.Run("Tags", func(t *testing.T) {
		counts := ints(t, db, `SELECT count(*) FROM ticket_tags GROUP BY tag ORDER BY 1 DESC`)
		if len(counts) < 40 || counts[0] < 20*counts[len(counts)-1] {
			t.Errorf("got %d tags used %d to %d times, want a long, skewed tail", len(counts), counts[len(counts)-1], counts[0])
		}
	})
	t.Run("StatusByAge", func(t *testing.T) {
		month := now.AddDate(0, -3, 0).UnixMicro()
		old := ints(t, db, `SELECT count(*) FILTER (WHERE status IN ('solved', 'closed')), count(*)
			FROM tickets WHERE created_at < ?`, month)
		week := now.AddDate(0, 0, -7).UnixMicro()
		recent := ints(t, db, `SELECT count(*) FILTER (WHERE status IN ('solved', 'closed')), count(*)
			FROM tickets WHERE created_at >= ?`, week)
		if old[0] < old[1]*9/10 || recent[1] == 0 || recent[0] > recent[1]/2 {
			t.Errorf("solved or closed: %d of %d older than 3 months, %d of %d in the last week; want most old and few recent",
				old[0], old[1], recent[0], recent[1])
		}
	})
	t.Run("History", func(t *testing.T) {
		times := ints(t, db, `SELECT min(created_at), max(updated_at), (SELECT max(created_at) FROM users) FROM tickets`)
		first, last, users := time.UnixMicro(int64(times[0])), time.UnixMicro(int64(times[1])), time.UnixMicro(int64(times[2]))
		start := now.Add(-opts.History)
		if first.Before(start) || first.After(start.AddDate(0, 0, 30)) || last.After(now) || !users.Before(first) {
			t.Errorf("tickets from %v to %v, users until %v; want tickets from about %v to now, after the users", first, last, users, start)
		}
	})
}

// matches counts the tickets the search index finds for word.
func matches(t *testing.T, db *sqlite.DB, word string) int {
	t.Helper()
	return ints(t, db, `SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?`, word)[0]
}

// ints returns the integer columns of query's rows, one after the other.
func ints(t *testing.T, db *sqlite.DB, query string, args ...any) []int {
	t.Helper()
	rows, err := db.Reader().QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for rows.Next() {
		vals := make([]int, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals...)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func sum(s []int) int {
	total := 0
	for _, v := range s {
		total += v
	}
	return total
}
