package helpdesk

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is where a ticket stands in its life.
type Status string

const (
	StatusNew     Status = "new"
	StatusOpen    Status = "open"
	StatusPending Status = "pending"
	StatusOnHold  Status = "on_hold"
	StatusSolved  Status = "solved"
	StatusClosed  Status = "closed"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusNew, StatusOpen, StatusPending, StatusOnHold, StatusSolved, StatusClosed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return oneOf(s, Statuses) }

// Priority is how urgent a ticket is.
type Priority string

const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Priorities lists every priority from lowest to highest.
var Priorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return oneOf(p, Priorities) }

// Rank orders priorities for sorting: low=1 ... urgent=4, 0 if unknown.
func (p Priority) Rank() int {
	for i, q := range Priorities {
		if p == q {
			return i + 1
		}
	}
	return 0
}

// TicketType says what kind of request a ticket is.
type TicketType string

const (
	TypeQuestion TicketType = "question"
	TypeIncident TicketType = "incident"
	TypeProblem  TicketType = "problem"
	TypeTask     TicketType = "task"
)

// TicketTypes lists every ticket type.
var TicketTypes = []TicketType{TypeQuestion, TypeIncident, TypeProblem, TypeTask}

// Valid reports whether t is a known type.
func (t TicketType) Valid() bool { return oneOf(t, TicketTypes) }

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if v == a {
			return true
		}
	}
	return false
}

// Limits on ticket and comment fields.
const (
	MaxSubjectLen = 250
	MaxBodyLen    = 64 * 1024 // characters of a comment body
	MaxTags       = 20
	MaxTagLen     = 50
)

// Ticket is one customer request. ID is the sequential number shown to
// people ("#1042").
type Ticket struct {
	ID              int64      `json:"id"`
	Subject         string     `json:"subject"`
	Status          Status     `json:"status"`
	Priority        Priority   `json:"priority"`
	Type            TicketType `json:"type"`
	RequesterID     int64      `json:"requester_id"`
	AssigneeID      *int64     `json:"assignee_id"`
	TeamID          *int64     `json:"team_id"`
	Tags            []string   `json:"tags"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
	SolvedAt        *time.Time `json:"solved_at"`
	FirstResponseAt *time.Time `json:"first_response_at"`
}

// TicketUpdate holds the fields to change; nil means unchanged. Clearing an
// assignee or team is expressed with ClearAssignee / ClearTeam, since a nil
// pointer already means "unchanged".
type TicketUpdate struct {
	Subject       *string
	Status        *Status
	Priority      *Priority
	Type          *TicketType
	AssigneeID    *int64
	ClearAssignee bool
	TeamID        *int64
	ClearTeam     bool
	Tags          *[]string
}

// Empty reports whether u changes nothing.
func (u TicketUpdate) Empty() bool {
	return u.Subject == nil && u.Status == nil && u.Priority == nil && u.Type == nil &&
		u.AssigneeID == nil && !u.ClearAssignee && u.TeamID == nil && !u.ClearTeam && u.Tags == nil
}

// ValidateSubject adds a problem to v if s is not a usable subject.
func ValidateSubject(v *Validation, field, s string) {
	if !utf8.ValidString(s) {
		v.Add(field, "must be valid UTF-8 text")
	} else if strings.TrimSpace(s) == "" {
		v.Add(field, "is required")
	} else if n := utf8.RuneCountInString(s); n > MaxSubjectLen {
		v.Add(field, "must be at most %d characters (got %d)", MaxSubjectLen, n)
	} else if strings.ContainsAny(s, "\x00\r\n") {
		v.Add(field, "must be a single line")
	}
}

// ValidateBody adds a problem to v if s is not a usable comment body.
func ValidateBody(v *Validation, field, s string) {
	if !utf8.ValidString(s) {
		v.Add(field, "must be valid UTF-8 text")
	} else if strings.TrimSpace(s) == "" {
		v.Add(field, "is required")
	} else if n := utf8.RuneCountInString(s); n > MaxBodyLen {
		v.Add(field, "must be at most %d characters (got %d)", MaxBodyLen, n)
	} else if strings.ContainsRune(s, 0) {
		v.Add(field, "must not contain NUL characters")
	}
}

var tagPattern = regexp.MustCompile(`^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_\-.:/]*$`)

// NormalizeTags lower-cases, trims, de-duplicates and sorts tags, adding a
// problem to v for any tag that is empty, too long or has odd characters.
func NormalizeTags(v *Validation, field string, tags []string) []string {
	if len(tags) > MaxTags {
		v.Add(field, "must have at most %d tags", MaxTags)
		return nil
	}
	seen := make(map[string]bool, len(tags))
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		switch {
		case t == "":
			v.Add(field, "tags must not be empty")
			return nil
		case utf8.RuneCountInString(t) > MaxTagLen:
			v.Add(field, "tag %q is longer than %d characters", t[:min(len(t), 20)]+"…", MaxTagLen)
			return nil
		case !tagPattern.MatchString(t):
			v.Add(field, "tag %q may hold only letters, digits and _ - . : /", t)
			return nil
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Comment is one message in a ticket's conversation. Internal comments
// (notes) are for staff only and never reach customers.
type Comment struct {
	ID       int64  `json:"id"`
	TicketID int64  `json:"ticket_id"`
	AuthorID int64  `json:"author_id"`
	Body     string `json:"body"`
	// BodyHTML is Body rendered from Markdown and sanitized at write time.
	BodyHTML  string     `json:"body_html"`
	Internal  bool       `json:"internal"`
	CreatedAt time.Time  `json:"created_at"`
	EditedAt  *time.Time `json:"edited_at"`
}

// CommentRevision is an earlier body of an edited comment.
type CommentRevision struct {
	ID        int64     `json:"id"`
	CommentID int64     `json:"comment_id"`
	Body      string    `json:"body"`
	EditorID  int64     `json:"editor_id"`  // who replaced this body
	CreatedAt time.Time `json:"created_at"` // when it was replaced
}

// CommentFilter narrows ListComments: oldest first, keyset on id.
type CommentFilter struct {
	TicketID        int64
	IncludeInternal bool
	AfterID         int64
	Limit           int
}
