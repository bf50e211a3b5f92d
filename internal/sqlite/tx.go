package sqlite

import (
	"database/sql"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Tx is one write transaction on the writer connection. Its Reader methods
// see its own uncommitted writes.
type Tx struct {
	queries
	tx *sql.Tx
	// jobs is the DB's insert-only River client, for EnqueueJob.
	jobs *river.Client[*sql.Tx]
}

var _ helpdesk.Tx = (*Tx)(nil)

func newTx(tx *sql.Tx) *Tx {
	return &Tx{queries: queries{q: tx}, tx: tx}
}

// queries holds the helpdesk.Reader methods, run on q: the reader pool for
// the DB, the write transaction for a Tx.
type queries struct {
	q querier
}
