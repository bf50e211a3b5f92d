package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

// tsQuery adds text's tsquery to w and returns its SQL: every word goes
// through plainto_tsquery and every phrase through phraseto_tsquery, so no
// user input is ever read as tsquery syntax. Positive terms are ANDed and
// negated ones excluded. positiveOnly leaves the negated terms out (for
// highlighting). "" when there is nothing to match.
func tsQuery(w *where, text []helpdesk.TextTerm, positiveOnly bool) string {
	var ps, ns []string
	for _, t := range text {
		if t.Negated && positiveOnly {
			continue
		}
		fn := "plainto_tsquery"
		if t.Phrase {
			fn = "phraseto_tsquery"
		}
		q := fn + "('triage_search', " + w.arg(t.Text) + ")"
		if t.Negated {
			ns = append(ns, q)
		} else {
			ps = append(ps, q)
		}
	}
	switch {
	case len(ps) > 0 && len(ns) > 0:
		return "(" + strings.Join(ps, " && ") + ") && !!(" + strings.Join(ns, " || ") + ")"
	case len(ps) > 0:
		return "(" + strings.Join(ps, " && ") + ")"
	case len(ns) > 0:
		return "!!(" + strings.Join(ns, " || ") + ")"
	}
	return ""
}

// searchColumn is the tsvector a viewer's search matches: a customer's
// never holds internal notes.
func searchColumn(v helpdesk.Viewer) string {
	if v.Role == helpdesk.RoleCustomer {
		return "s.public"
	}
	return "s.everything"
}

// SearchCandidates returns the newest max tickets f's viewer may see that
// match f and its text, with ts_rank (subject A, conversation B, internal
// notes C). The planner picks between the GIN index (rare words) and
// walking ticket_search's primary key newest first (common words).
func (r reader) SearchCandidates(ctx context.Context, f helpdesk.TicketFilter, max int) ([]helpdesk.SearchCandidate, error) {
	out := []helpdesk.SearchCandidate{}
	if max <= 0 {
		return out, nil
	}
	var w where
	if !visible(&w, f.Viewer) {
		return out, nil
	}
	tsq := tsQuery(&w, f.Text, false)
	filterTickets(&w, f)
	cols := `t.id, %s, t.updated_at, t.created_at, t.priority, t.status, t.assignee_id`
	var sql string
	if tsq == "" {
		sql = `SELECT ` + fmt.Sprintf(cols, "0::float4") + ` FROM tickets t` + w.sql() +
			` ORDER BY t.id DESC LIMIT ` + w.arg(max)
	} else {
		// The newest matches first, then ts_rank of those alone: ranked in
		// one query, the planner computes the rank of every match before
		// the LIMIT (2.8 s for a word in half of 100,000 tickets).
		col := searchColumn(f.Viewer)
		var inner string
		if f.Viewer.Role == helpdesk.RoleCustomer || f.RequesterID != nil || len(f.RequesterIDs) > 0 {
			// One requester's few tickets: let the planner start there.
			w.conds = append(w.conds, col+" @@ q.q")
			inner = `SELECT t.id, t.updated_at, t.created_at, t.priority, t.status, t.assignee_id, q.q` +
				` FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id CROSS JOIN (SELECT ` + tsq + ` AS q) q` +
				w.sql() + ` ORDER BY s.ticket_id DESC LIMIT ` + w.arg(max)
		} else {
			// Matches newest first, each ticket checked against the filters
			// by its primary key (the LATERAL ... OFFSET 0 keeps it a
			// nested loop): the planner's guess at how many tickets a word
			// matches is poor, and a hash join over every visible ticket
			// cost 290 ms for a word in five of 100,000.
			inner = `SELECT t.id, t.updated_at, t.created_at, t.priority, t.status, t.assignee_id, q.q` +
				` FROM ticket_search s CROSS JOIN (SELECT ` + tsq + ` AS q) q` +
				` CROSS JOIN LATERAL (SELECT t.id, t.updated_at, t.created_at, t.priority, t.status, t.assignee_id` +
				` FROM tickets t` + w.sql() + ` AND t.id = s.ticket_id OFFSET 0) t` +
				` WHERE ` + col + ` @@ q.q ORDER BY s.ticket_id DESC LIMIT ` + w.arg(max)
			if len(w.conds) == 0 {
				inner = strings.Replace(inner, ` FROM tickets t AND t.id`, ` FROM tickets t WHERE t.id`, 1)
			}
		}
		sql = `SELECT t.id, ts_rank(` + col + `, t.q), t.updated_at, t.created_at, t.priority, t.status, t.assignee_id
			FROM (` + inner + `) t JOIN ticket_search s ON s.ticket_id = t.id ORDER BY t.id DESC`
	}
	rows, err := r.q.Query(ctx, sql, customPlan(w.args)...)
	if err != nil {
		return nil, fmt.Errorf("search tickets: %w", err)
	}
	out, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (helpdesk.SearchCandidate, error) {
		var c helpdesk.SearchCandidate
		var rank float32
		err := row.Scan(&c.ID, &rank, &c.UpdatedAt, &c.CreatedAt, &c.Priority, &c.Status, &c.AssigneeID)
		c.Rank = float64(rank)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("search tickets: %w", err)
	}
	return out, nil
}

// ListTicketsByIDs returns the tickets with these ids, in any order.
func (r reader) ListTicketsByIDs(ctx context.Context, ids []int64) ([]*helpdesk.Ticket, error) {
	if len(ids) == 0 {
		return []*helpdesk.Ticket{}, nil
	}
	if len(ids) > helpdesk.MaxUserIDs {
		return nil, helpdesk.Invalid("ids", "at most %d ids", helpdesk.MaxUserIDs)
	}
	rows, err := r.q.Query(ctx, `SELECT `+ticketColumns+` FROM tickets t WHERE t.id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("list tickets by id: %w", err)
	}
	tickets, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.Ticket, error) { return scanTicket(row) })
	if err != nil {
		return nil, fmt.Errorf("list tickets by id: %w", err)
	}
	return tickets, nil
}

// headlineOpts asks ts_headline for one short fragment around the hits.
const headlineOpts = "StartSel=" + helpdesk.SnippetHitStart + ", StopSel=" + helpdesk.SnippetHitEnd +
	", MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1"

// TicketSnippets returns where text matched each ticket, seen through v:
// the conversation first, then (staff only) the internal notes, then the
// subject. A customer's query never reads internal notes at all.
func (r reader) TicketSnippets(ctx context.Context, v helpdesk.Viewer, text []helpdesk.TextTerm, ids []int64) (map[int64]*helpdesk.Snippet, error) {
	out := map[int64]*helpdesk.Snippet{}
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > helpdesk.MaxUserIDs {
		return nil, helpdesk.Invalid("ids", "at most %d ids", helpdesk.MaxUserIDs)
	}
	var w where
	tsq := tsQuery(&w, text, true)
	if tsq == "" {
		return out, nil
	}
	opts := w.arg(headlineOpts)
	agg := func(internal bool) string {
		not := "NOT "
		if internal {
			not = ""
		}
		return `translate(coalesce((SELECT string_agg(c.body, E'\n' ORDER BY c.id) FROM comments c
			WHERE c.ticket_id = t.id AND ` + not + `c.internal), ''), '<>&', '   ')`
	}
	note := "''"
	if v.Role != helpdesk.RoleCustomer {
		note = `CASE WHEN s.everything @@ q.q THEN ts_headline('triage_search', ` + agg(true) + `, q.q, ` + opts + `) ELSE '' END`
	}
	sql := `SELECT t.id,
		ts_headline('triage_search', translate(t.subject, '<>&', '   '), q.q, ` + opts + `),
		CASE WHEN s.public @@ q.q THEN ts_headline('triage_search', ` + agg(false) + `, q.q, ` + opts + `) ELSE '' END,
		` + note + `
		FROM tickets t JOIN ticket_search s ON s.ticket_id = t.id CROSS JOIN (SELECT ` + tsq + ` AS q) q
		WHERE t.id = ANY(` + w.arg(ids) + `) AND ` + searchColumn(v) + ` @@ q.q`
	rows, err := r.q.Query(ctx, sql, customPlan(w.args)...)
	if err != nil {
		return nil, fmt.Errorf("search snippets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var subject, public, internal string
		if err := rows.Scan(&id, &subject, &public, &internal); err != nil {
			return nil, fmt.Errorf("search snippets: %w", err)
		}
		switch {
		case strings.Contains(public, helpdesk.SnippetHitStart):
			out[id] = helpdesk.ParseSnippet(helpdesk.SnippetConversation, public)
		case strings.Contains(internal, helpdesk.SnippetHitStart):
			out[id] = helpdesk.ParseSnippet(helpdesk.SnippetInternal, internal)
		case strings.Contains(subject, helpdesk.SnippetHitStart):
			out[id] = helpdesk.ParseSnippet(helpdesk.SnippetSubject, subject)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search snippets: %w", err)
	}
	return out, nil
}

// customPlan runs a search as an unnamed statement, planned for its own
// words every time. As a cached prepared statement PostgreSQL soon
// switches to a generic plan that cannot know whether the word is rare,
// and walked every ticket for a word in five of them (6 s at 100k).
func customPlan(args []any) []any {
	return append([]any{pgx.QueryExecModeExec}, args...)
}
