package helpdesk

import "time"

// Viewer is whose eyes a list query is run through. The store turns it into
// the visibility rule:
//   - admin: every ticket;
//   - agent: tickets with no team, tickets of a team the agent belongs to,
//     and tickets assigned to the agent;
//   - customer: tickets the customer requested;
//   - anything else: nothing.
type Viewer struct {
	UserID int64
	Role   Role
}

// TicketSort is one entry of the ticket list's sort allow-list.
type TicketSort string

const (
	SortUpdatedDesc  TicketSort = "-updated_at" // the default
	SortUpdatedAsc   TicketSort = "updated_at"
	SortCreatedDesc  TicketSort = "-created_at"
	SortCreatedAsc   TicketSort = "created_at"
	SortPriorityDesc TicketSort = "-priority" // urgent first, then newest id
	SortPriorityAsc  TicketSort = "priority"
	SortIDDesc       TicketSort = "-id"
	SortIDAsc        TicketSort = "id"
)

// TicketSorts is the allow-list of sorts for ticket lists.
var TicketSorts = []TicketSort{
	SortUpdatedDesc, SortUpdatedAsc, SortCreatedDesc, SortCreatedAsc,
	SortPriorityDesc, SortPriorityAsc, SortIDDesc, SortIDAsc,
}

// Valid reports whether s is in the allow-list.
func (s TicketSort) Valid() bool { return oneOf(s, TicketSorts) }

// Desc reports whether s sorts descending.
func (s TicketSort) Desc() bool { return len(s) > 0 && s[0] == '-' }

// Field returns the sorted field without the direction prefix.
func (s TicketSort) Field() string {
	if s.Desc() {
		return string(s[1:])
	}
	return string(s)
}

// TicketCursor is the keyset position after the last row of a page: the
// sort key of that row and its id (the tie-breaker). Key is unix
// microseconds for time sorts, Priority.Rank() for priority, and the id for
// id sorts. Cursors are signed by the HTTP layer, so a store may trust one.
type TicketCursor struct {
	Sort TicketSort `json:"s"`
	Key  int64      `json:"k"`
	ID   int64      `json:"i"`
}

// CursorFor returns the cursor that continues a list after t under sort s.
func CursorFor(s TicketSort, t *Ticket) TicketCursor {
	c := TicketCursor{Sort: s, ID: t.ID}
	switch s.Field() {
	case "updated_at":
		c.Key = t.UpdatedAt.UnixMicro()
	case "created_at":
		c.Key = t.CreatedAt.UnixMicro()
	case "priority":
		c.Key = int64(t.Priority.Rank())
	default:
		c.Key = t.ID
	}
	return c
}

// TicketFilter narrows and orders ListTickets. Empty slices and nil
// pointers mean "any". Rows come in Sort order with ties broken by id in the
// same direction, starting strictly after After.
type TicketFilter struct {
	Viewer     Viewer
	Statuses   []Status
	Priorities []Priority
	Types      []TicketType
	AssigneeID *int64 // tickets assigned to this user
	Unassigned bool   // tickets with no assignee
	TeamID     *int64
	// TeamIDs keeps tickets of any of these teams. Empty means any team,
	// so a caller resolving "my teams" to no team at all must not ask.
	TeamIDs []int64
	NoTeam  bool // tickets with no team
	// MyTeams asks for the tickets of the viewer's teams. The service
	// resolves it into TeamIDs before a store sees the filter; stores
	// ignore it.
	MyTeams     bool
	RequesterID *int64
	Tag         string
	// UpdatedAfter keeps tickets updated at or after this time.
	UpdatedAfter *time.Time

	// The search language's filters (see internal/search/query). Within one
	// field the positive values are alternatives (OR); negated ones exclude.
	// AssigneeIDs and Unassigned together mean "any of them or nobody";
	// TeamIDs and NoTeam likewise.
	AssigneeIDs     []int64
	NotAssigneeIDs  []int64
	Assigned        bool // tickets with an assignee
	NotTeamIDs      []int64
	HasTeam         bool // tickets with a team
	RequesterIDs    []int64
	NotRequesterIDs []int64
	AnyTags         []string // tickets with at least one of these tags
	NotTags         []string // tickets with none of these tags
	Created         TimeRange
	Updated         TimeRange
	Solved          TimeRange // a range here keeps only solved tickets
	// Text is the free words and phrases; the store matches them against
	// the subject and the conversation, and internal notes only for staff
	// viewers. Lists and counts ignore it: SearchCandidates uses it.
	Text []TextTerm

	Sort  TicketSort
	After *TicketCursor
	Limit int
}

// AuditEntry is one append-only record of a change or a login.
type AuditEntry struct {
	ID         int64     `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	ActorID    *int64    `json:"actor_id"`
	Action     string    `json:"action"` // e.g. "ticket.update", "auth.login_failed"
	TargetType string    `json:"target_type"`
	TargetID   string    `json:"target_id"`
	Before     []byte    `json:"before"` // JSON object or nil
	After      []byte    `json:"after"`  // JSON object or nil
	IP         string    `json:"ip"`
	RequestID  string    `json:"request_id"`
}

// AuditFilter narrows ListAudit: newest first, keyset on id.
type AuditFilter struct {
	ActorID    *int64
	Action     string
	TargetType string
	TargetID   string
	Since      *time.Time
	Until      *time.Time
	BeforeID   int64 // only ids below this (0 = from the newest)
	Limit      int
}
