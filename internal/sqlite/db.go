// Package sqlite implements helpdesk.Store on one SQLite file, through the
// pure-Go modernc.org/sqlite driver.
//
// Writes go through a pool of exactly one connection whose transactions
// begin IMMEDIATE, so writers in this process queue in Go instead of failing
// with SQLITE_BUSY; reads go through a separate query-only pool, which WAL
// lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"

	// The driver registers itself as "sqlite".
	_ "modernc.org/sqlite"
)

// Options tunes the connection pools. Zero values take the defaults.
type Options struct {
	// ReadConns caps the reader pool; default max(4, 2*GOMAXPROCS).
	ReadConns int
	// BusyTimeout is how long a connection waits for another process's
	// lock before failing; default 5s.
	BusyTimeout time.Duration
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.ReadConns <= 0 {
		o.ReadConns = max(4, 2*runtime.GOMAXPROCS(0))
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 5 * time.Second
	}
	return o
}

// DB is a Triage store on one SQLite file. It implements helpdesk.Store;
// its Reader methods run on the reader pool.
type DB struct {
	queries
	path   string
	writer *sql.DB
	reader *sql.DB
	// jobs inserts River jobs inside write transactions.
	jobs *river.Client[*sql.Tx]
	// readStmts are the reader pool's prepared statements. Writes are not
	// cached: preparing needs a free connection, and the writer's only one
	// is held by the transaction that would prepare.
	readStmts *stmtCache
}

var _ helpdesk.Store = (*DB)(nil)

// Open opens (creating if needed) the database file at path, with its
// parent directory. It does not migrate; call Migrate for that.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" || path == ":memory:" {
		return nil, errors.New("sqlite: a database file path is required")
	}
	opts = opts.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve database path %q: %w", path, err)
	}
	if err := createFile(abs); err != nil {
		return nil, err
	}
	writer, err := openPool(ctx, dsn(abs, opts, false), 1)
	if err != nil {
		return nil, fmt.Errorf("open sqlite writer %s: %w", abs, err)
	}
	reader, err := openPool(ctx, dsn(abs, opts, true), opts.ReadConns)
	if err != nil {
		_ = writer.Close()
		return nil, fmt.Errorf("open sqlite reader %s: %w", abs, err)
	}
	jobs, err := newJobClient(writer)
	if err != nil {
		_ = reader.Close()
		_ = writer.Close()
		return nil, err
	}
	readStmts := newStmtCache(reader)
	return &DB{queries: queries{q: cachedDB{readStmts}}, path: abs, writer: writer, reader: reader, jobs: jobs,
		readStmts: readStmts}, nil
}

// createFile makes path's directory and an empty database file readable by
// the owner only; SQLite gives its -wal and -shm files the same mode.
func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create database directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// dsn returns the driver's connection string for path. The pragmas run on
// every new connection, so each pool's connections are alike.
func dsn(path string, opts Options, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", max(1, opts.BusyTimeout.Milliseconds())))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Reads map the file rather than copy pages in with a system call
	// each; mapped pages are the kernel's page cache, not this process's
	// heap.
	q.Add("_pragma", "mmap_size(4294967296)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// BEGIN IMMEDIATE takes the write lock up front, so a transaction
		// never fails half-way when it first writes.
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	return u.String()
}

// openPool opens a pool of at most conns connections and checks that one
// can be made, so a bad path or pragma fails Open rather than the first
// query.
func openPool(ctx context.Context, dsn string, conns int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// Writer returns the single-connection writer pool.
func (db *DB) Writer() *sql.DB { return db.writer }

// Reader returns the query-only reader pool.
func (db *DB) Reader() *sql.DB { return db.reader }

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Ping checks that the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.reader.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping sqlite: %w", err)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.readStmts.Close(), db.reader.Close(), db.writer.Close())
}

// Update runs fn in one write transaction (BEGIN IMMEDIATE on the writer
// connection). fn must not call Update itself: the writer pool has a single
// connection, so a nested Update would wait forever.
func (db *DB) Update(ctx context.Context, fn func(ctx context.Context, tx helpdesk.Tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	defer func() {
		// A panic in fn must not leave the writer connection inside an open
		// transaction; roll back and let the panic continue.
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	tx := newTx(sqlTx)
	tx.jobs = db.jobs
	if err := fn(ctx, tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", translate(err))
	}
	return nil
}
