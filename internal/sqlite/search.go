package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// ftsMatch builds the FTS5 query of text for a viewer. Every term becomes
// a quoted string, so no user input is ever read as FTS5 syntax: a word
// is a one-token phrase, a phrase a phrase. Positive terms are ANDed and
// negated ones subtracted with NOT. A customer's query is limited to the
// subject and public columns, so internal notes never match for them.
// neg is the query of the negated terms alone, for a search that has no
// positive term (FTS5 cannot start with NOT).
func ftsMatch(text []helpdesk.TextTerm, v helpdesk.Viewer) (pos, neg string) {
	var ps, ns []string
	for _, t := range text {
		q := `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
		if t.Negated {
			ns = append(ns, q)
		} else {
			ps = append(ps, q)
		}
	}
	scope := func(q string) string {
		if v.Role != helpdesk.RoleCustomer {
			return q
		}
		return "{subject public} : (" + q + ")"
	}
	if len(ns) > 0 {
		neg = strings.Join(ns, " OR ")
	}
	if len(ps) > 0 {
		pos = strings.Join(ps, " AND ")
		if neg != "" {
			pos = "(" + pos + ") NOT (" + neg + ")"
		}
		return scope(pos), ""
	}
	if neg != "" {
		return "", scope(neg)
	}
	return "", ""
}

// bm25Weights weighs a hit in the subject above one in the conversation;
// for a customer, internal notes weigh nothing (they never match anyway).
func bm25Weights(v helpdesk.Viewer) string {
	if v.Role == helpdesk.RoleCustomer {
		return "4.0, 1.0, 0.0"
	}
	return "4.0, 1.0, 1.0"
}

// searchCandidatesQuery builds the SQL of searchCandidates, or "" when the
// viewer may see nothing: the newest max tickets f's viewer may see that
// match f and its text. Two plans:
//   - the index first: FTS5 yields matching rowids newest first and each
//     is checked against the filters, stopping at max. Cheap for common
//     words (the first max matches are found at once) and for rare ones
//     (few matches to check);
//   - the tickets first, for customers and requester filters: the few
//     tickets of one requester are walked newest first and each looked up
//     in the index by rowid, however common the word.
func searchCandidatesQuery(f helpdesk.TicketFilter, max int, rank bool) (string, []any) {
	var w where
	if max <= 0 || !visibleTo(&w, f.Viewer) {
		return "", nil
	}
	pos, neg := ftsMatch(f.Text, f.Viewer)
	filterTickets(&w, f)
	if f.Tag != "" {
		w.add("t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)", f.Tag)
	}
	if neg != "" {
		w.add("t.id NOT IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)", neg)
	}
	cols := `t.id, %s, t.updated_at, t.created_at, t.priority, t.status, t.assignee_id`
	rankExpr := "-bm25(ticket_fts, " + bm25Weights(f.Viewer) + ")"
	if !rank {
		rankExpr = "0.0"
	}
	var query string
	var args []any
	switch {
	case pos == "":
		query = `SELECT ` + fmt.Sprintf(cols, "0.0") + ` FROM tickets t` + w.String() + ` ORDER BY t.id DESC LIMIT ?`
		args = append(w.args, max)
	case f.Viewer.Role == helpdesk.RoleCustomer || f.RequesterID != nil || len(f.RequesterIDs) > 0:
		query = `SELECT ` + fmt.Sprintf(cols, rankExpr) +
			` FROM tickets t CROSS JOIN ticket_fts ON ticket_fts.rowid = t.id` +
			w.String() + ` AND ticket_fts MATCH ? ORDER BY t.id DESC LIMIT ?`
		if len(w.conds) == 0 {
			query = strings.Replace(query, " AND ticket_fts MATCH", " WHERE ticket_fts MATCH", 1)
		}
		args = append(w.args, pos, max)
	default:
		query = `SELECT ` + fmt.Sprintf(cols, rankExpr) +
			` FROM ticket_fts CROSS JOIN tickets t ON t.id = ticket_fts.rowid WHERE ticket_fts MATCH ?`
		if len(w.conds) > 0 {
			query += " AND " + strings.Join(w.conds, " AND ")
		}
		query += ` ORDER BY ticket_fts.rowid DESC LIMIT ?`
		args = append(append([]any{pos}, w.args...), max)
	}
	return query, args
}

func searchCandidates(ctx context.Context, q querier, f helpdesk.TicketFilter, max int) ([]helpdesk.SearchCandidate, error) {
	out := []helpdesk.SearchCandidate{}
	rank, err := affordableRank(ctx, q, f.Text)
	if err != nil {
		return nil, err
	}
	query, args := searchCandidatesQuery(f, max, rank)
	if query == "" {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search tickets: %w", ftsError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var c helpdesk.SearchCandidate
		var updated, created int64
		var assignee sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Rank, &updated, &created, &c.Priority, &c.Status, &assignee); err != nil {
			return nil, fmt.Errorf("search tickets: %w", err)
		}
		c.UpdatedAt, c.CreatedAt, c.AssigneeID = fromMicros(updated), fromMicros(created), fromNullID(assignee)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search tickets: %w", ftsError(err))
	}
	return out, nil
}

// maxRankedMatches is how many tickets a word may be in for its matches to
// be ranked with bm25. bm25 weighs a word by how rare it is, and FTS5
// finds that out by reading every match of the word, whatever the LIMIT:
// 45 ms for a word in half of a million tickets. Past this bound the
// candidates keep their order, newest first.
var maxRankedMatches = 5000

// affordableRank reports whether bm25 may rank a search: whether each of
// its words is in fewer than maxRankedMatches tickets, which it learns by
// reading at most that many matches of each.
func affordableRank(ctx context.Context, q querier, text []helpdesk.TextTerm) (bool, error) {
	for _, t := range text {
		if t.Negated {
			continue
		}
		var n int
		err := q.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM ticket_fts
			WHERE ticket_fts MATCH ? LIMIT ?)`, `"`+strings.ReplaceAll(t.Text, `"`, `""`)+`"`, maxRankedMatches).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("search tickets: %w", ftsError(err))
		}
		if n >= maxRankedMatches {
			return false, nil
		}
	}
	return true, nil
}

// ftsError turns an FTS5 syntax complaint, which quoting should make
// impossible, into a validation error rather than a 500.
func ftsError(err error) error {
	if err != nil && strings.Contains(err.Error(), "fts5: syntax error") {
		return helpdesk.Invalid("q", "cannot be searched: %v", err)
	}
	return err
}

func listTicketsByIDs(ctx context.Context, q querier, ids []int64) ([]*helpdesk.Ticket, error) {
	out := []*helpdesk.Ticket{}
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > helpdesk.MaxUserIDs {
		return nil, helpdesk.Invalid("ids", "at most %d ids", helpdesk.MaxUserIDs)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+ticketColumns+` FROM tickets t WHERE t.id IN (`+
		placeholders(len(ids))+`)`, idArgs(ids)...)
	if err != nil {
		return nil, fmt.Errorf("list tickets by id: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("list tickets by id: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ticketSnippets asks FTS5 for an excerpt of each column around the hits
// and keeps the first column that has one, conversation before internal
// note before subject (the subject is on screen anyway). A customer's
// query never asks for the internal column.
func ticketSnippets(ctx context.Context, q querier, v helpdesk.Viewer, text []helpdesk.TextTerm, ids []int64) (map[int64]*helpdesk.Snippet, error) {
	out := map[int64]*helpdesk.Snippet{}
	pos, _ := ftsMatch(text, v)
	if pos == "" || len(ids) == 0 {
		return out, nil
	}
	if len(ids) > helpdesk.MaxUserIDs {
		return nil, helpdesk.Invalid("ids", "at most %d ids", helpdesk.MaxUserIDs)
	}
	snip := func(col int) string {
		return fmt.Sprintf(`snippet(ticket_fts, %d, '%s', '%s', '…', 16)`, col, helpdesk.SnippetHitStart, helpdesk.SnippetHitEnd)
	}
	internal := snip(2)
	if v.Role == helpdesk.RoleCustomer {
		internal = "''"
	}
	// One pass over the matches between the lowest and highest id, with
	// the id list checked row by row (the unary + keeps it out of the
	// index): FTS5 would otherwise start the whole query afresh per id.
	lo, hi := slices.Min(ids), slices.Max(ids)
	query := `SELECT rowid, ` + snip(0) + `, ` + snip(1) + `, ` + internal +
		` FROM ticket_fts WHERE ticket_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (` +
		placeholders(len(ids)) + `)`
	rows, err := q.QueryContext(ctx, query, append([]any{pos, lo, hi}, idArgs(ids)...)...)
	if err != nil {
		return nil, fmt.Errorf("search snippets: %w", ftsError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var subject, public, note string
		if err := rows.Scan(&id, &subject, &public, &note); err != nil {
			return nil, fmt.Errorf("search snippets: %w", err)
		}
		switch {
		case strings.Contains(public, helpdesk.SnippetHitStart):
			out[id] = helpdesk.ParseSnippet(helpdesk.SnippetConversation, public)
		case strings.Contains(note, helpdesk.SnippetHitStart):
			out[id] = helpdesk.ParseSnippet(helpdesk.SnippetInternal, note)
		case strings.Contains(subject, helpdesk.SnippetHitStart):
			out[id] = helpdesk.ParseSnippet(helpdesk.SnippetSubject, subject)
		}
	}
	return out, rows.Err()
}

// SearchCandidates returns the newest matching tickets; see helpdesk.Reader.
func (r queries) SearchCandidates(ctx context.Context, f helpdesk.TicketFilter, max int) ([]helpdesk.SearchCandidate, error) {
	return searchCandidates(ctx, r.q, f, max)
}

// ListTicketsByIDs returns the tickets with these ids, in any order.
func (r queries) ListTicketsByIDs(ctx context.Context, ids []int64) ([]*helpdesk.Ticket, error) {
	return listTicketsByIDs(ctx, r.q, ids)
}

// TicketSnippets returns where text matched each ticket, seen through v.
func (r queries) TicketSnippets(ctx context.Context, v helpdesk.Viewer, text []helpdesk.TextTerm, ids []int64) (map[int64]*helpdesk.Snippet, error) {
	return ticketSnippets(ctx, r.q, v, text, ids)
}
