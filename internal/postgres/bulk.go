package postgres

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

// LoadTickets stores batches of tickets in one transaction; it is
// seed.BulkLoader. A batch is tickets with their tags and, for each ticket,
// its conversation in order. It sets the tickets' and comments' IDs and the
// comments' TicketID, and skips what the service adds to a write (events,
// jobs, audit). Nothing is stored unless every batch is.
//
// Each batch takes its ids from the tables' sequences and goes in with
// COPY. The transaction sets triage.search_bulk, which turns the search
// triggers off, and refreshes each batch's ticket_search rows in one call
// of triage_search_refresh instead. ANALYZE runs once the load is in, so
// the planner knows the tables' new sizes without waiting for autovacuum.
func (db *DB) LoadTickets(ctx context.Context, batches iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment]) error {
	if err := db.load(ctx, batches); err != nil {
		return fmt.Errorf("load tickets: %w", err)
	}
	if _, err := db.pool.Exec(ctx, `ANALYZE tickets, ticket_tags, comments, ticket_search`); err != nil {
		return fmt.Errorf("load tickets: analyze: %w", err)
	}
	return nil
}

func (db *DB) load(ctx context.Context, batches iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment]) error {
	ptx, err := db.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = ptx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := ptx.Exec(ctx, `SET LOCAL triage.search_bulk = 'on'`); err != nil {
		return fmt.Errorf("turn search triggers off: %w", err)
	}
	// A lost load is simply run again: its commit need not wait for the
	// disk.
	if _, err := ptx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
		return err
	}
	for tickets, comments := range batches {
		if err := loadBatch(ctx, ptx, tickets, comments); err != nil {
			return translate(err)
		}
	}
	if err := ptx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", translate(err))
	}
	return nil
}

// loadBatch stores one batch in ptx.
func loadBatch(ctx context.Context, ptx pgx.Tx, tickets []*helpdesk.Ticket, comments [][]*helpdesk.Comment) error {
	if len(comments) != len(tickets) {
		return fmt.Errorf("%d tickets but %d conversations", len(tickets), len(comments))
	}
	n := 0
	for _, cs := range comments {
		n += len(cs)
	}
	ticketIDs, err := nextIDs(ctx, ptx, "tickets", len(tickets))
	if err != nil {
		return err
	}
	commentIDs, err := nextIDs(ctx, ptx, "comments", n)
	if err != nil {
		return err
	}
	n = 0
	for i, t := range tickets {
		t.ID = ticketIDs[i]
		t.Tags = tagList(slices.Compact(slices.Sorted(slices.Values(t.Tags))))
		for _, c := range comments[i] {
			c.ID, c.TicketID = commentIDs[n], t.ID
			n++
		}
	}
	if err := copyTickets(ctx, ptx, tickets); err != nil {
		return err
	}
	if err := copyComments(ctx, ptx, comments); err != nil {
		return err
	}
	if _, err := ptx.Exec(ctx, `SELECT triage_search_refresh($1::bigint[])`, ticketIDs); err != nil {
		return fmt.Errorf("index tickets: %w", err)
	}
	return nil
}

// nextIDs takes n ids from the sequence of table's id column.
func nextIDs(ctx context.Context, ptx pgx.Tx, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	rows, err := ptx.Query(ctx,
		`SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, fmt.Errorf("take %s ids: %w", table, err)
	}
	ids, err = pgx.AppendRows(ids, rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("take %s ids: %w", table, err)
	}
	return ids, nil
}

// copyTickets copies tickets and their tags in. COPY writes the given ids
// into the identity column, as INSERT ... OVERRIDING SYSTEM VALUE would.
func copyTickets(ctx context.Context, ptx pgx.Tx, tickets []*helpdesk.Ticket) error {
	_, err := ptx.CopyFrom(ctx, pgx.Identifier{"tickets"},
		[]string{"id", "subject", "status", "priority", "type", "requester_id", "assignee_id", "team_id",
			"tags", "created_at", "updated_at", "solved_at", "first_response_at"},
		pgx.CopyFromSlice(len(tickets), func(i int) ([]any, error) {
			t := tickets[i]
			return []any{t.ID, t.Subject, string(t.Status), string(t.Priority), string(t.Type), t.RequesterID,
				t.AssigneeID, t.TeamID, t.Tags, t.CreatedAt, t.UpdatedAt, t.SolvedAt, t.FirstResponseAt}, nil
		}))
	if err != nil {
		return fmt.Errorf("copy tickets: %w", err)
	}
	var tags [][]any
	for _, t := range tickets {
		for _, tag := range t.Tags {
			tags = append(tags, []any{t.ID, tag})
		}
	}
	if _, err := ptx.CopyFrom(ctx, pgx.Identifier{"ticket_tags"}, []string{"ticket_id", "tag"}, pgx.CopyFromRows(tags)); err != nil {
		return fmt.Errorf("copy ticket tags: %w", err)
	}
	return nil
}

func copyComments(ctx context.Context, ptx pgx.Tx, comments [][]*helpdesk.Comment) error {
	var all []*helpdesk.Comment
	for _, cs := range comments {
		all = append(all, cs...)
	}
	_, err := ptx.CopyFrom(ctx, pgx.Identifier{"comments"},
		[]string{"id", "ticket_id", "author_id", "body", "body_html", "internal", "created_at", "edited_at"},
		pgx.CopyFromSlice(len(all), func(i int) ([]any, error) {
			c := all[i]
			return []any{c.ID, c.TicketID, c.AuthorID, c.Body, c.BodyHTML, c.Internal, c.CreatedAt, c.EditedAt}, nil
		}))
	if err != nil {
		return fmt.Errorf("copy comments: %w", err)
	}
	return nil
}
