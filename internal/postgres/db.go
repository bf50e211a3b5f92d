// Package postgres implements helpdesk.Store on PostgreSQL with a pgx pool.
// Its schema lives in embedded goose migrations; Open never migrates by
// itself, so operators decide when the schema changes.
package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Options tunes the connection pool. Zero values keep pgxpool's defaults
// (or whatever pool_max_conns / pool_min_conns the URL sets).
type Options struct {
	MaxConns int32
	MinConns int32
}

// DB is a helpdesk.Store backed by PostgreSQL.
type DB struct {
	reader
	pool *pgxpool.Pool
	// sqlDB wraps the same pool for goose, which speaks database/sql.
	sqlDB *sql.DB
	// jobs inserts River jobs inside write transactions.
	jobs *river.Client[pgx.Tx]
}

var _ helpdesk.Store = (*DB)(nil)

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse postgres url: %w", err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if opts.MinConns > 0 {
		cfg.MinConns = opts.MinConns
	}
	if cfg.MinConns > cfg.MaxConns {
		return nil, fmt.Errorf("postgres pool: min conns %d exceeds max conns %d", cfg.MinConns, cfg.MaxConns)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("ping postgres: %w", err)
	}
	jobs, err := newJobClient(pool)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &DB{reader: reader{q: pool}, pool: pool, sqlDB: stdlib.OpenDBFromPool(pool), jobs: jobs}, nil
}

// Pool returns the underlying pool, for tests, EXPLAIN and the job runner,
// which shares its connections.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Ping checks the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping postgres: %w", err)
	}
	return nil
}

// Close closes every connection. Closing the database/sql wrapper first
// returns its connections to the pool before the pool shuts down.
func (db *DB) Close() error {
	err := db.sqlDB.Close()
	db.pool.Close()
	if err != nil {
		return fmt.Errorf("close postgres: %w", err)
	}
	return nil
}

// beginTx starts a serializable transaction; see Update for why.
func (db *DB) beginTx(ctx context.Context) (pgx.Tx, error) {
	return db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
}
