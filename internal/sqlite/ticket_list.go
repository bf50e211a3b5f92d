package sqlite

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// listTickets runs one keyset page of the ticket list. Each filter and sort
// has an index (see the migration); plan_test.go checks the query plans.
func listTickets(ctx context.Context, q querier, f helpdesk.TicketFilter) ([]*helpdesk.Ticket, error) {
	query, args, err := ticketListQuery(f)
	if err != nil {
		return nil, err
	} else if query == "" {
		return []*helpdesk.Ticket{}, nil
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	defer rows.Close()
	tickets := []*helpdesk.Ticket{}
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("list tickets: %w", err)
		}
		tickets = append(tickets, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	return tickets, nil
}

// ticketListQuery builds the SQL and arguments of f's page, or returns ""
// when f.Viewer may see nothing.
func ticketListQuery(f helpdesk.TicketFilter) (string, []any, error) {
	sort := f.Sort
	if sort == "" {
		sort = helpdesk.SortUpdatedDesc
	}
	if !sort.Valid() {
		return "", nil, helpdesk.Invalid("sort", "must be one of the allowed sorts")
	}
	var w where
	if !visibleTo(&w, f.Viewer) {
		return "", nil, nil
	}
	shape := shapeFor(sort, f.Tag, &w)
	filterTickets(&w, f)
	if f.After != nil {
		shape.after(&w, sort, *f.After)
	}
	query := `SELECT ` + ticketColumns + ` FROM ` + shape.from + w.String() + shape.orderBy(sort) + ` LIMIT ?`
	return query, append(w.args, clampLimit(f.Limit)), nil
}

// listShape is where a ticket list reads from and which columns it orders
// by: its sort key and the id that breaks ties.
type listShape struct {
	from, key, id string
}

// shapeFor picks the list's shape. A tag filter in updated_at order reads
// ticket_tags' (tag, updated_at, ticket_id) index, whose updated_at is a
// copy of the ticket's, so the rows come out in order; every other list
// reads the tickets table by the index of its sort or filter.
func shapeFor(sort helpdesk.TicketSort, tag string, w *where) listShape {
	if tag != "" && sort.Field() == "updated_at" {
		w.add("g.tag = ?", tag)
		return listShape{
			from: "ticket_tags g JOIN tickets t ON t.id = g.ticket_id",
			key:  "g.updated_at",
			id:   "g.ticket_id",
		}
	}
	if tag != "" {
		w.add("t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)", tag)
	}
	return listShape{from: "tickets t", key: sortColumn(sort), id: "t.id"}
}

// visibleTo adds the visibility rule of v, and reports false when v may see
// no ticket at all. The agent rule's columns carry a unary + so SQLite does
// not answer it with a multi-index OR and a sort of every visible ticket:
// an agent usually sees most tickets, and walking the sort index in order,
// stopping at the page size, is cheaper.
func visibleTo(w *where, v helpdesk.Viewer) bool {
	switch v.Role {
	case helpdesk.RoleAdmin:
		return true
	case helpdesk.RoleAgent:
		w.add(`(+t.team_id IS NULL OR +t.assignee_id = ?
			OR +t.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?))`, v.UserID, v.UserID)
		return true
	case helpdesk.RoleCustomer:
		w.add("t.requester_id = ?", v.UserID)
		return true
	}
	return false
}

// filterTickets adds f's filters, except the tag (see shapeFor); empty ones
// mean "any".
func filterTickets(w *where, f helpdesk.TicketFilter) {
	in(w, "t.status", f.Statuses)
	in(w, "t.priority", f.Priorities)
	in(w, "t.type", f.Types)
	if f.AssigneeID != nil {
		w.add("t.assignee_id = ?", *f.AssigneeID)
	}
	orNull(w, "t.assignee_id", f.AssigneeIDs, f.Unassigned)
	notIn(w, "t.assignee_id", f.NotAssigneeIDs)
	if f.Assigned {
		w.add("t.assignee_id IS NOT NULL")
	}
	if f.TeamID != nil {
		w.add("t.team_id = ?", *f.TeamID)
	}
	orNull(w, "t.team_id", f.TeamIDs, f.NoTeam)
	notIn(w, "t.team_id", f.NotTeamIDs)
	if f.HasTeam {
		w.add("t.team_id IS NOT NULL")
	}
	if f.RequesterID != nil {
		w.add("t.requester_id = ?", *f.RequesterID)
	}
	inIDs(w, "t.requester_id", f.RequesterIDs)
	notIn(w, "t.requester_id", f.NotRequesterIDs)
	if f.UpdatedAfter != nil {
		w.add("t.updated_at >= ?", micros(*f.UpdatedAfter))
	}
	if len(f.AnyTags) > 0 {
		w.add("t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag IN ("+placeholders(len(f.AnyTags))+"))", strArgs(f.AnyTags)...)
	}
	if len(f.NotTags) > 0 {
		w.add("t.id NOT IN (SELECT ticket_id FROM ticket_tags WHERE tag IN ("+placeholders(len(f.NotTags))+"))", strArgs(f.NotTags)...)
	}
	timeRange(w, "t.created_at", f.Created)
	timeRange(w, "t.updated_at", f.Updated)
	timeRange(w, "t.solved_at", f.Solved)
}

// orNull keeps rows whose column is one of ids, or NULL when orNull is
// set; with no ids it keeps only NULLs when orNull is set.
func orNull(w *where, column string, ids []int64, orNull bool) {
	switch {
	case len(ids) == 0 && orNull:
		w.add(column + " IS NULL")
	case len(ids) > 0 && orNull:
		w.add("("+column+" IN ("+placeholders(len(ids))+") OR "+column+" IS NULL)", idArgs(ids)...)
	default:
		inIDs(w, column, ids)
	}
}

// notIn drops rows whose column is one of ids; NULLs stay.
func notIn(w *where, column string, ids []int64) {
	if len(ids) > 0 {
		w.add("("+column+" IS NULL OR "+column+" NOT IN ("+placeholders(len(ids))+"))", idArgs(ids)...)
	}
}

// timeRange keeps rows whose column lies in r.
func timeRange(w *where, column string, r helpdesk.TimeRange) {
	if r.From != nil {
		w.add(column+" >= ?", micros(*r.From))
	}
	if r.To != nil {
		w.add(column+" < ?", micros(*r.To))
	}
}

func idArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

func strArgs(vals []string) []any {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return args
}

// sortColumn is the tickets column s orders by.
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

// after keeps only rows strictly after c in sort order. The row-value
// comparison (key, id) < (?, ?) is what lets SQLite start the index range
// at the cursor instead of reading and skipping earlier rows.
func (l listShape) after(w *where, s helpdesk.TicketSort, c helpdesk.TicketCursor) {
	op := ">"
	if s.Desc() {
		op = "<"
	}
	if l.key == l.id {
		w.add(l.id+" "+op+" ?", c.ID)
		return
	}
	w.add("("+l.key+", "+l.id+") "+op+" (?, ?)", c.Key, c.ID)
}

// orderBy returns the ORDER BY clause of s.
func (l listShape) orderBy(s helpdesk.TicketSort) string {
	dir := " ASC"
	if s.Desc() {
		dir = " DESC"
	}
	if l.key == l.id {
		return " ORDER BY " + l.id + dir
	}
	return " ORDER BY " + l.key + dir + ", " + l.id + dir
}
