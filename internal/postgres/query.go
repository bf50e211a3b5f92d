package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// querier is what both *pgxpool.Pool and pgx.Tx offer, so every read is
// written once and runs on either.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// reader implements helpdesk.Reader on a querier.
type reader struct {
	q querier
}

// Default and maximum page sizes of every list.
const (
	defaultLimit = 50
	maxLimit     = 1000
)

// clampLimit turns a filter's Limit into a page size: 0 means the default,
// anything else is held within 1..maxLimit.
func clampLimit(n int) int {
	if n == 0 {
		return defaultLimit
	}
	return max(1, min(n, maxLimit))
}

// where collects SQL conditions and their numbered arguments. Values only
// ever travel as arguments; the SQL text is built from constants.
type where struct {
	conds []string
	args  []any
}

// arg records v and returns its placeholder ($1, $2, ...).
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

// add appends a condition; format's %s verbs are filled with placeholders
// for args, in order.
func (w *where) add(format string, args ...any) {
	ph := make([]any, len(args))
	for i, a := range args {
		ph[i] = w.arg(a)
	}
	w.conds = append(w.conds, fmt.Sprintf(format, ph...))
}

// sql returns the WHERE clause, or "" when there are no conditions.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// utcPtr returns t in UTC, keeping nil as nil.
func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// likePrefix escapes LIKE's wildcards in s, so a search matches it
// literally, and appends the trailing %.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}
