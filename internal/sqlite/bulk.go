package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// loadCacheKiB is the page cache the writer connection gets while it
// loads tickets, instead of the 2 MiB default: enough to keep the pages
// that loading a million tickets keeps going back to in memory.
const loadCacheKiB = 512 << 10

// FTS5 gathers the tokens of new documents in memory and writes them out
// as a new segment of the index when they pass its hashsize option (1 MiB
// by default) and at every savepoint; the smaller and the more numerous
// the segments, the more its automatic merges rewrite. So the loader
// raises hashsize and adds documents loadDocBytes of text at a time, in
// statements that open no savepoint: a million tickets make some twenty
// segments rather than thousands.
const (
	loadDocBytes    = 64 << 20
	loadHashSize    = 256 << 20
	defaultHashSize = 1 << 20 // FTS5_DEFAULT_HASHSIZE
)

// LoadTickets stores batches of tickets in one write transaction; it is
// seed.BulkLoader. A batch is tickets with their tags and, for each ticket,
// its conversation in order. It sets the tickets' and comments' IDs and the
// comments' TicketID, and skips what the service adds to a write (events,
// jobs, audit). Nothing is stored unless every batch is.
//
// It writes with multi-row INSERTs, and with a row in search_bulk for the
// length of the transaction, which turns the search triggers off: it adds
// each ticket's ticket_fts row itself, with the text ticket_docs gives.
// Loading into a table with no more tickets than the first batch, it drops
// the indexes of tickets and ticket_tags and builds them again at the end,
// which is several times faster than growing them a row at a time. For the
// length of the load the writer connection gets a larger page cache and
// keeps temporary data in memory; foreign keys are checked by the loader,
// once for each user and team, rather than by SQLite for every row.
func (db *DB) LoadTickets(ctx context.Context, batches iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment]) error {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("load tickets: %w", err)
	}
	defer conn.Close()
	restore, err := setPragmas(ctx, conn, map[string]string{
		"cache_size": fmt.Sprint(-loadCacheKiB),
		// Each multi-row INSERT keeps a statement journal, to undo just
		// that statement: in memory rather than in a temporary file.
		"temp_store": "MEMORY",
		// The loader checks the people and teams tickets refer to itself,
		// once each; comments and tags refer to the tickets it writes.
		"foreign_keys": "OFF",
	})
	if err != nil {
		return fmt.Errorf("load tickets: %w", err)
	}
	err = load(ctx, conn, batches)
	if err == nil {
		// The load went through the write-ahead log; move it into the
		// database now and truncate the log rather than leave gigabytes
		// of it behind.
		_, err = conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if err = errors.Join(err, restore()); err != nil {
		return fmt.Errorf("load tickets: %w", err)
	}
	return nil
}

// load runs the load's transaction on conn.
func load(ctx context.Context, conn *sql.Conn, batches iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment]) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	l := &loader{tx: tx, users: map[int64]bool{}, teams: map[int64]bool{}}
	err = l.begin(ctx)
	for tickets, comments := range batches {
		if err != nil {
			break
		}
		err = l.batch(ctx, tickets, comments)
	}
	if err == nil {
		err = l.finish(ctx)
	}
	if err != nil {
		_ = tx.Rollback()
		return translate(err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", translate(err))
	}
	return nil
}

// loader is one load's transaction.
type loader struct {
	tx                  *sql.Tx
	ticketID, commentID int64 // the next ids
	batches             int
	users, teams        map[int64]bool // known to exist
	hashSize            int            // ticket_fts's hashsize before the load
	indexes             []string       // CREATE INDEX statements to run at the end
	// Search documents wait in docs (rowid, subject, public, internal)
	// until they hold loadDocBytes of text: see loadHashSize.
	docs     []any
	docBytes int
	docStmt  *sql.Stmt
}

// begin turns the search triggers off, makes FTS5 flush less often and
// finds the next ids.
func (l *loader) begin(ctx context.Context) error {
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO search_bulk (on_) VALUES (1)`); err != nil {
		return fmt.Errorf("turn search triggers off: %w", err)
	}
	err := l.tx.QueryRowContext(ctx, `
		SELECT coalesce((SELECT v FROM ticket_fts_config WHERE k = 'hashsize'), ?)`,
		defaultHashSize).Scan(&l.hashSize)
	if err != nil {
		return fmt.Errorf("read search index hashsize: %w", err)
	}
	if err := l.setHashSize(ctx, loadHashSize); err != nil {
		return err
	}
	// Tickets never reuse an id, so the next id follows sqlite_sequence as
	// AUTOINCREMENT does; storing explicit ids moves the sequence on.
	err = l.tx.QueryRowContext(ctx, `
		SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0),
		           coalesce((SELECT max(id) FROM tickets), 0)) + 1,
		       coalesce((SELECT max(id) FROM comments), 0) + 1`).Scan(&l.ticketID, &l.commentID)
	if err != nil {
		return fmt.Errorf("read next ids: %w", err)
	}
	return nil
}

// setHashSize sets FTS5's hashsize option for ticket_fts.
func (l *loader) setHashSize(ctx context.Context, size int) error {
	_, err := l.tx.ExecContext(ctx, `INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('hashsize', ?)`, size)
	if err != nil {
		return fmt.Errorf("set search index hashsize: %w", err)
	}
	return nil
}

// batch stores one batch.
func (l *loader) batch(ctx context.Context, tickets []*helpdesk.Ticket, comments [][]*helpdesk.Comment) error {
	if len(comments) != len(tickets) {
		return fmt.Errorf("%d tickets but %d conversations", len(tickets), len(comments))
	}
	if l.batches++; l.batches == 1 {
		if err := l.dropIndexes(ctx, len(tickets)); err != nil {
			return err
		}
	}
	if err := l.checkRefs(ctx, tickets, comments); err != nil {
		return err
	}
	for i, t := range tickets {
		t.ID = l.ticketID
		l.ticketID++
		for _, c := range comments[i] {
			c.ID, c.TicketID = l.commentID, t.ID
			l.commentID++
		}
	}
	if err := insertTickets(ctx, l.tx, tickets); err != nil {
		return err
	}
	if err := insertComments(ctx, l.tx, comments); err != nil {
		return err
	}
	return l.addDocs(ctx, tickets, comments)
}

// checkRefs checks that the users and teams the batch refers to exist.
func (l *loader) checkRefs(ctx context.Context, tickets []*helpdesk.Ticket, comments [][]*helpdesk.Comment) error {
	var users, teams []int64
	for i, t := range tickets {
		users = append(users, t.RequesterID)
		if t.AssigneeID != nil {
			users = append(users, *t.AssigneeID)
		}
		if t.TeamID != nil {
			teams = append(teams, *t.TeamID)
		}
		for _, c := range comments[i] {
			users = append(users, c.AuthorID)
		}
	}
	if err := checkIDs(ctx, l.tx, "users", l.users, users); err != nil {
		return err
	}
	return checkIDs(ctx, l.tx, "teams", l.teams, teams)
}

// checkIDs checks that table has a row for each of ids, asking only about
// the ids not known already, and adds them to known.
func checkIDs(ctx context.Context, tx *sql.Tx, table string, known map[int64]bool, ids []int64) error {
	var ask []any
	for _, id := range ids {
		if !known[id] {
			known[id] = true
			ask = append(ask, id)
		}
	}
	for len(ask) > 0 {
		chunk := ask[:min(len(ask), 1000)]
		ask = ask[len(chunk):]
		var found int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")+`)`, chunk...).Scan(&found)
		if err != nil {
			return fmt.Errorf("check %s: %w", table, err)
		} else if found != len(chunk) {
			return helpdesk.Errorf(helpdesk.EINVALID, "A referenced record does not exist.")
		}
	}
	return nil
}

// dropIndexes drops the indexes of tickets and ticket_tags, to be built
// again by finish, when the tickets table holds no more than n tickets:
// then building them again costs less than growing them.
func (l *loader) dropIndexes(ctx context.Context, n int) error {
	var existing int
	err := l.tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM tickets LIMIT ?)`, n+1).Scan(&existing)
	if err != nil {
		return fmt.Errorf("count tickets: %w", err)
	} else if existing > n {
		return nil
	}
	rows, err := l.tx.QueryContext(ctx, `
		SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name IN ('tickets', 'ticket_tags') AND sql IS NOT NULL
		ORDER BY name`)
	if err != nil {
		return fmt.Errorf("list indexes: %w", err)
	}
	var names []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return fmt.Errorf("list indexes: %w", err)
		}
		names = append(names, name)
		l.indexes = append(l.indexes, create)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("list indexes: %w", err)
	}
	for _, name := range names {
		if _, err := l.tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return fmt.Errorf("drop index %s: %w", name, err)
		}
	}
	return nil
}

// finish builds the dropped indexes again, and turns the search triggers
// back on.
func (l *loader) finish(ctx context.Context) error {
	if err := l.writeDocs(ctx); err != nil {
		return err
	}
	for _, create := range l.indexes {
		if _, err := l.tx.ExecContext(ctx, create); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
	}
	if err := l.setHashSize(ctx, l.hashSize); err != nil {
		return err
	}
	// A large load leaves the index in many segments. Left alone, the
	// next ordinary write finds too many at one level and merges them all
	// at once (FTS5's crisis merge): seconds, in some agent's request.
	// Merging them here costs about ten seconds at a million tickets.
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO ticket_fts (ticket_fts) VALUES ('optimize')`); err != nil {
		return fmt.Errorf("merge the search index: %w", err)
	}
	if _, err := l.tx.ExecContext(ctx, `DELETE FROM search_bulk`); err != nil {
		return fmt.Errorf("turn search triggers on: %w", err)
	}
	return nil
}

// setPragmas sets pragmas on conn and returns a function that sets them
// back to what they were.
func setPragmas(ctx context.Context, conn *sql.Conn, values map[string]string) (func() error, error) {
	old := map[string]string{}
	restore := func() error {
		// The load's context may be done; the connection must still be
		// put back as it was.
		ctx := context.WithoutCancel(ctx)
		var errs []error
		for name, v := range old {
			if _, err := conn.ExecContext(ctx, `PRAGMA `+name+` = `+v); err != nil {
				errs = append(errs, fmt.Errorf("restore pragma %s: %w", name, err))
			}
		}
		return errors.Join(errs...)
	}
	for name, v := range values {
		var was string
		if err := conn.QueryRowContext(ctx, `PRAGMA `+name).Scan(&was); err != nil {
			return nil, errors.Join(fmt.Errorf("read pragma %s: %w", name, err), restore())
		}
		if _, err := conn.ExecContext(ctx, `PRAGMA `+name+` = `+v); err != nil {
			return nil, errors.Join(fmt.Errorf("set pragma %s: %w", name, err), restore())
		}
		old[name] = was
	}
	return restore, nil
}

func insertTickets(ctx context.Context, tx *sql.Tx, tickets []*helpdesk.Ticket) error {
	rows := newInserter(ctx, tx, `INSERT INTO tickets (id, subject, status, priority, type, requester_id,
		assignee_id, team_id, tags, created_at, updated_at, solved_at, first_response_at) VALUES `, 13, insertRows)
	for _, t := range tickets {
		t.Tags = sortedTags(t.Tags)
		list, err := json.Marshal(t.Tags)
		if err != nil {
			return fmt.Errorf("encode tags of ticket %d: %w", t.ID, err)
		}
		rows.add(t.ID, t.Subject, string(t.Status), string(t.Priority), string(t.Type), t.RequesterID,
			anyID(t.AssigneeID), anyID(t.TeamID), string(list), micros(t.CreatedAt), micros(t.UpdatedAt),
			anyMicros(t.SolvedAt), anyMicros(t.FirstResponseAt))
	}
	if err := rows.close(); err != nil {
		return fmt.Errorf("insert tickets: %w", err)
	}
	tags := newInserter(ctx, tx, `INSERT INTO ticket_tags (tag, ticket_id, updated_at) VALUES `, 3, insertRows)
	for _, t := range tickets {
		for _, tag := range t.Tags {
			tags.add(tag, t.ID, micros(t.UpdatedAt))
		}
	}
	if err := tags.close(); err != nil {
		return fmt.Errorf("insert ticket tags: %w", err)
	}
	return nil
}

func insertComments(ctx context.Context, tx *sql.Tx, comments [][]*helpdesk.Comment) error {
	rows := newInserter(ctx, tx, `INSERT INTO comments (id, ticket_id, author_id, body, body_html,
		internal, created_at, edited_at) VALUES `, 8, insertRows)
	for _, cs := range comments {
		for _, c := range cs {
			rows.add(c.ID, c.TicketID, c.AuthorID, c.Body, c.BodyHTML, boolInt(c.Internal),
				micros(c.CreatedAt), anyMicros(c.EditedAt))
		}
	}
	if err := rows.close(); err != nil {
		return fmt.Errorf("insert comments: %w", err)
	}
	return nil
}

// addDocs queues the tickets' ticket_fts rows, with the text the
// ticket_docs view gives: the subject, then the public and the internal
// comment bodies, each joined by a newline in comment order.
func (l *loader) addDocs(ctx context.Context, tickets []*helpdesk.Ticket, comments [][]*helpdesk.Comment) error {
	var public, internal strings.Builder
	for i, t := range tickets {
		public.Reset()
		internal.Reset()
		for _, c := range comments[i] {
			b := &public
			if c.Internal {
				b = &internal
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(c.Body)
		}
		l.docs = append(l.docs, t.ID, t.Subject, public.String(), internal.String())
		l.docBytes += len(t.Subject) + public.Len() + internal.Len()
	}
	if l.docBytes < loadDocBytes {
		return nil
	}
	return l.writeDocs(ctx)
}

// writeDocs adds the queued ticket_fts rows. It writes them one row per
// INSERT: a statement that writes several rows keeps a statement journal,
// which opens a savepoint, and FTS5 writes out what it holds in memory at
// every savepoint.
func (l *loader) writeDocs(ctx context.Context) error {
	if l.docStmt == nil && len(l.docs) > 0 {
		stmt, err := l.tx.PrepareContext(ctx,
			`INSERT INTO ticket_fts (rowid, subject, public, internal) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("index tickets: %w", err)
		}
		l.docStmt = stmt
	}
	for i := 0; i < len(l.docs); i += 4 {
		if _, err := l.docStmt.ExecContext(ctx, l.docs[i:i+4]...); err != nil {
			return fmt.Errorf("index ticket %v: %w", l.docs[i], err)
		}
	}
	clear(l.docs)
	l.docs, l.docBytes = l.docs[:0], 0
	return nil
}

// inserter writes rows through a prepared multi-row INSERT, insertRows
// rows per statement, and the rest with a last, shorter one.
type inserter struct {
	ctx  context.Context
	tx   *sql.Tx
	head string // INSERT ... VALUES
	cols int
	rows int       // rows per statement
	stmt *sql.Stmt // rows rows at a time
	args []any
	err  error
}

// insertRows is how many rows one INSERT writes: enough to make the
// per-statement cost vanish, well within SQLite's 32,766 parameters.
const insertRows = 100

func newInserter(ctx context.Context, tx *sql.Tx, head string, cols, rows int) *inserter {
	return &inserter{ctx: ctx, tx: tx, head: head, cols: cols, rows: rows, args: make([]any, 0, cols*rows)}
}

// add queues one row; the first error sticks and is returned by close.
func (in *inserter) add(vals ...any) {
	if in.err != nil {
		return
	}
	in.args = append(in.args, vals...)
	if len(in.args) < in.cols*in.rows {
		return
	}
	if in.stmt == nil {
		in.stmt, in.err = in.tx.PrepareContext(in.ctx, in.query(in.rows))
		if in.err != nil {
			return
		}
	}
	_, in.err = in.stmt.ExecContext(in.ctx, in.args...)
	in.args = in.args[:0]
}

// close writes the queued rows and releases the statement.
func (in *inserter) close() error {
	if in.err == nil && len(in.args) > 0 {
		_, in.err = in.tx.ExecContext(in.ctx, in.query(len(in.args)/in.cols), in.args...)
	}
	if in.stmt != nil {
		in.err = errors.Join(in.err, in.stmt.Close())
	}
	return in.err
}

// query is the INSERT of n rows.
func (in *inserter) query(n int) string {
	row := "(" + strings.Repeat("?, ", in.cols-1) + "?)"
	return in.head + strings.Repeat(row+", ", n-1) + row
}

// anyID is an optional id as a driver value: NULL when nil.
func anyID(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

// anyMicros is an optional time as a driver value: NULL when nil.
func anyMicros(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}
