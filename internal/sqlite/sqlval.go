package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// querier is what both the reader pool and a write transaction offer, so
// the read helpers serve the store and its transactions alike.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// micros stores t as unix microseconds.
func micros(t time.Time) int64 { return t.UnixMicro() }

// nullMicros stores t as unix microseconds, or NULL when t is nil.
func nullMicros(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// fromMicros reads unix microseconds back as a UTC time.
func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// fromNullMicros reads nullable unix microseconds back as a UTC time.
func fromNullMicros(us sql.NullInt64) *time.Time {
	if !us.Valid {
		return nil
	}
	t := fromMicros(us.Int64)
	return &t
}

// nullID stores an optional id, NULL when nil.
func nullID(id *int64) sql.NullInt64 {
	if id == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *id, Valid: true}
}

// fromNullID reads an optional id.
func fromNullID(id sql.NullInt64) *int64 {
	if !id.Valid {
		return nil
	}
	v := id.Int64
	return &v
}

// boolInt stores a boolean as 0 or 1.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// clampLimit applies the stores' page-size rule: 0 means 50, and anything
// else is held to 1..1000.
func clampLimit(n int) int {
	switch {
	case n == 0:
		return 50
	case n < 1:
		return 1
	case n > 1000:
		return 1000
	}
	return n
}
