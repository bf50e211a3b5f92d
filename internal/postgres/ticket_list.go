package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

// ListTickets returns the tickets f's viewer may see that match f, in
// f.Sort order, after f.After, at most f.Limit of them.
func (r reader) ListTickets(ctx context.Context, f helpdesk.TicketFilter) ([]*helpdesk.Ticket, error) {
	sql, args, err := listTicketsQuery(f)
	if err != nil {
		return nil, err
	}
	if sql == "" {
		return []*helpdesk.Ticket{}, nil
	}
	rows, err := r.q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	tickets, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.Ticket, error) { return scanTicket(row) })
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	return tickets, nil
}

// listTicketsQuery builds ListTickets' SQL and arguments. It returns ""
// when the viewer may see nothing, so no query needs to run.
func listTicketsQuery(f helpdesk.TicketFilter) (string, []any, error) {
	sort := f.Sort
	if sort == "" {
		sort = helpdesk.SortUpdatedDesc
	}
	if !sort.Valid() {
		return "", nil, helpdesk.Invalid("sort", "is not a known sort")
	}
	var w where
	if !visible(&w, f.Viewer) {
		return "", nil, nil
	}
	filterTickets(&w, f)
	col, op, dir := sortColumn(sort), ">", "ASC"
	if sort.Desc() {
		op, dir = "<", "DESC"
	}
	if f.After != nil {
		// A row comparison is what lets the (key, id) index start right
		// after the cursor instead of filtering rows one by one.
		if col == "t.id" {
			w.add("t.id "+op+" %s", f.After.ID)
		} else {
			w.add("("+col+", t.id) "+op+" (%s, %s)", cursorKey(sort, f.After.Key), f.After.ID)
		}
	}
	order := " ORDER BY " + col + " " + dir
	if col != "t.id" {
		order += ", t.id " + dir
	}
	sql := `SELECT ` + ticketColumns + ` FROM tickets t` + w.sql() + order +
		` LIMIT ` + w.arg(clampLimit(f.Limit))
	return sql, w.args, nil
}

// visible adds v's visibility rule to w, and reports false when v may
// see no ticket at all.
func visible(w *where, v helpdesk.Viewer) bool {
	switch v.Role {
	case helpdesk.RoleAdmin:
		return true
	case helpdesk.RoleAgent:
		uid := w.arg(v.UserID)
		w.conds = append(w.conds, "(t.team_id IS NULL OR t.assignee_id = "+uid+
			" OR t.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = "+uid+"))")
		return true
	case helpdesk.RoleCustomer:
		w.add("t.requester_id = %s", v.UserID)
		return true
	}
	return false
}

// filterTickets adds f's filters to w.
func filterTickets(w *where, f helpdesk.TicketFilter) {
	anyOf(w, "t.status", f.Statuses)
	anyOf(w, "t.priority", f.Priorities)
	anyOf(w, "t.type", f.Types)
	if f.AssigneeID != nil {
		w.add("t.assignee_id = %s", *f.AssigneeID)
	}
	orNull(w, "t.assignee_id", f.AssigneeIDs, f.Unassigned)
	if len(f.NotAssigneeIDs) > 0 {
		w.add("(t.assignee_id IS NULL OR t.assignee_id <> ALL(%s))", f.NotAssigneeIDs)
	}
	if f.Assigned {
		w.add("t.assignee_id IS NOT NULL")
	}
	if f.TeamID != nil {
		w.add("t.team_id = %s", *f.TeamID)
	}
	orNull(w, "t.team_id", f.TeamIDs, f.NoTeam)
	if len(f.NotTeamIDs) > 0 {
		w.add("(t.team_id IS NULL OR t.team_id <> ALL(%s))", f.NotTeamIDs)
	}
	if f.HasTeam {
		w.add("t.team_id IS NOT NULL")
	}
	if f.RequesterID != nil {
		w.add("t.requester_id = %s", *f.RequesterID)
	}
	switch len(f.RequesterIDs) {
	case 0:
	case 1:
		w.add("t.requester_id = %s", f.RequesterIDs[0])
	default:
		w.add("t.requester_id = ANY(%s)", f.RequesterIDs)
	}
	if len(f.NotRequesterIDs) > 0 {
		w.add("t.requester_id <> ALL(%s)", f.NotRequesterIDs)
	}
	if f.UpdatedAfter != nil {
		w.add("t.updated_at >= %s", f.UpdatedAfter.UTC())
	}
	if f.Tag != "" {
		w.add("t.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag = %s)", f.Tag)
	}
	if len(f.AnyTags) > 0 {
		w.add("t.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag = ANY(%s))", f.AnyTags)
	}
	if len(f.NotTags) > 0 {
		w.add("NOT EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag = ANY(%s))", f.NotTags)
	}
	timeRange(w, "t.created_at", f.Created)
	timeRange(w, "t.updated_at", f.Updated)
	timeRange(w, "t.solved_at", f.Solved)
}

// orNull keeps rows whose column is one of ids, or NULL when orNull is
// set; with no ids it keeps only NULLs when orNull is set.
func orNull(w *where, col string, ids []int64, orNull bool) {
	switch {
	case len(ids) == 0 && orNull:
		w.add(col + " IS NULL")
	case len(ids) > 0 && orNull:
		w.add("("+col+" = ANY(%s) OR "+col+" IS NULL)", ids)
	case len(ids) == 1:
		w.add(col+" = %s", ids[0])
	case len(ids) > 1:
		w.add(col+" = ANY(%s)", ids)
	}
}

// timeRange keeps rows whose column lies in r.
func timeRange(w *where, col string, r helpdesk.TimeRange) {
	if r.From != nil {
		w.add(col+" >= %s", r.From.UTC())
	}
	if r.To != nil {
		w.add(col+" < %s", r.To.UTC())
	}
}

// anyOf adds "col is one of vals" to w, unless vals is empty. A single
// value is written as an equality, which the planner matches to the
// (col, updated_at, id) index without a sort.
func anyOf[T ~string](w *where, col string, vals []T) {
	switch len(vals) {
	case 0:
	case 1:
		w.add(col+" = %s", string(vals[0]))
	default:
		s := make([]string, len(vals))
		for i, v := range vals {
			s[i] = string(v)
		}
		w.add(col+" = ANY(%s)", s)
	}
}

// sortColumn returns the column sort orders by.
func sortColumn(s helpdesk.TicketSort) string {
	switch s.Field() {
	case "updated_at":
		return "t.updated_at"
	case "created_at":
		return "t.created_at"
	case "priority":
		return "t.priority_rank"
	}
	return "t.id"
}

// cursorKey turns a cursor's Key back into a value of the sort column:
// time sorts carry unix microseconds, priority its rank.
func cursorKey(s helpdesk.TicketSort, key int64) any {
	switch s.Field() {
	case "updated_at", "created_at":
		return time.UnixMicro(key).UTC()
	}
	return key
}
