package helpdesk

import (
	"encoding/json"
	"time"
)

// NotificationKind says why a user was notified.
type NotificationKind string

const (
	// NotifyAssigned: a ticket was assigned to the user.
	NotifyAssigned NotificationKind = "assigned"
	// NotifyTeamAssigned: a ticket was moved to one of the user's teams.
	NotifyTeamAssigned NotificationKind = "team_assigned"
	// NotifyCustomerReply: the customer replied on a ticket the user is
	// assigned.
	NotifyCustomerReply NotificationKind = "customer_reply"
	// NotifyMention: a staff member @mentioned the user in a comment.
	NotifyMention NotificationKind = "mention"
)

// NotificationKinds lists every kind.
var NotificationKinds = []NotificationKind{NotifyAssigned, NotifyTeamAssigned, NotifyCustomerReply, NotifyMention}

// Valid reports whether k is a known kind.
func (k NotificationKind) Valid() bool { return oneOf(k, NotificationKinds) }

// Notification is one entry of a staff member's notification center.
// Customers have none: they are told by email. It encodes to JSON as its
// View.
type Notification struct {
	ID        int64
	UserID    int64
	Kind      NotificationKind
	TicketID  int64
	CommentID *int64
	ActorID   *int64
	// DedupeKey names the occurrence that caused the notification; a user
	// has at most one notification per key, so a job that runs twice
	// notifies once.
	DedupeKey string
	CreatedAt time.Time
	ReadAt    *time.Time

	// TicketSubject and ActorName are read along with the notification, to
	// show it; CreateNotification ignores them. ActorName is empty when
	// there is no actor.
	TicketSubject string
	ActorName     string
}

// NotificationView is a notification as the API and live updates show it
// to its user.
type NotificationView struct {
	ID            int64            `json:"id"`
	Kind          NotificationKind `json:"kind"`
	TicketID      int64            `json:"ticket_id"`
	TicketSubject string           `json:"ticket_subject"`
	CommentID     *int64           `json:"comment_id"`
	Actor         *Actor           `json:"actor"`
	CreatedAt     time.Time        `json:"created_at"`
	ReadAt        *time.Time       `json:"read_at"`
}

// Actor names who did something.
type Actor struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// View returns n as its user sees it.
func (n *Notification) View() *NotificationView {
	v := &NotificationView{ID: n.ID, Kind: n.Kind, TicketID: n.TicketID, TicketSubject: n.TicketSubject,
		CommentID: n.CommentID, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
	if n.ActorID != nil {
		v.Actor = &Actor{ID: *n.ActorID, Name: n.ActorName}
	}
	return v
}

// MarshalJSON encodes n as its View, so every notification leaves the
// server in the one shape. The value receiver makes it apply to values and
// pointers alike.
func (n Notification) MarshalJSON() ([]byte, error) { return json.Marshal(n.View()) }

// NotificationFilter narrows ListNotifications: one user's notifications,
// newest (highest id) first, keyset on id.
type NotificationFilter struct {
	UserID     int64
	UnreadOnly bool
	BeforeID   int64 // only ids below this (0 = from the top)
	Limit      int
}

// Email preference topics: the names of the NotificationPrefs fields, also
// used in unsubscribe links and the preferences API.
const (
	TopicEmailAssigned      = "email_assigned"
	TopicEmailTeamAssigned  = "email_team_assigned"
	TopicEmailCustomerReply = "email_customer_reply"
	TopicEmailMention       = "email_mention"
	TopicEmailTicketReplies = "email_ticket_replies"
)

// NotificationTopics lists every topic.
var NotificationTopics = []string{TopicEmailAssigned, TopicEmailTeamAssigned, TopicEmailCustomerReply,
	TopicEmailMention, TopicEmailTicketReplies}

// NotificationPrefs says which emails a user wants. Every topic is on
// until the user turns it off.
type NotificationPrefs struct {
	UserID             int64 `json:"-"`
	EmailAssigned      bool  `json:"email_assigned"`
	EmailTeamAssigned  bool  `json:"email_team_assigned"`
	EmailCustomerReply bool  `json:"email_customer_reply"`
	EmailMention       bool  `json:"email_mention"`
	// EmailTicketReplies is the customer's topic: mail when an agent
	// replies publicly on their ticket.
	EmailTicketReplies bool `json:"email_ticket_replies"`
	// UpdatedAt is zero for defaults never saved.
	UpdatedAt time.Time `json:"-"`
}

// DefaultNotificationPrefs returns userID's preferences before any change:
// everything on.
func DefaultNotificationPrefs(userID int64) *NotificationPrefs {
	return &NotificationPrefs{UserID: userID, EmailAssigned: true, EmailTeamAssigned: true,
		EmailCustomerReply: true, EmailMention: true, EmailTicketReplies: true}
}

// field returns the flag of topic, or nil for an unknown topic.
func (p *NotificationPrefs) field(topic string) *bool {
	switch topic {
	case TopicEmailAssigned:
		return &p.EmailAssigned
	case TopicEmailTeamAssigned:
		return &p.EmailTeamAssigned
	case TopicEmailCustomerReply:
		return &p.EmailCustomerReply
	case TopicEmailMention:
		return &p.EmailMention
	case TopicEmailTicketReplies:
		return &p.EmailTicketReplies
	}
	return nil
}

// Allows reports whether the user wants email about topic; an unknown
// topic is never allowed.
func (p *NotificationPrefs) Allows(topic string) bool {
	f := p.field(topic)
	return f != nil && *f
}

// Set turns topic on or off, and reports whether topic is known.
func (p *NotificationPrefs) Set(topic string, on bool) bool {
	f := p.field(topic)
	if f == nil {
		return false
	}
	*f = on
	return true
}

// EmailTopic returns the preference that allows email about a notification
// of kind k.
func (k NotificationKind) EmailTopic() string {
	switch k {
	case NotifyAssigned:
		return TopicEmailAssigned
	case NotifyTeamAssigned:
		return TopicEmailTeamAssigned
	case NotifyCustomerReply:
		return TopicEmailCustomerReply
	case NotifyMention:
		return TopicEmailMention
	}
	return ""
}

// Events that cause notifications (NotificationEvent.Event).
const (
	EventTicketCreated  = "ticket.created"
	EventTicketAssigned = "ticket.assigned"
	EventCommentCreated = "comment.created"
)

// NotificationEvent is the background job the service enqueues, in the
// transaction of the change, for every change that may notify someone;
// the notify package works it out. It lives in the domain so the service
// can enqueue it without knowing the worker.
type NotificationEvent struct {
	Event    string `json:"event"`
	TicketID int64  `json:"ticket_id"`
	ActorID  int64  `json:"actor_id"`
	// CommentID is the new comment (comment.created) or the first one
	// (ticket.created); 0 for none.
	CommentID int64 `json:"comment_id,omitempty"`
	// AssigneeID and TeamID are the ticket's after the change; the Prev
	// fields what they were before (nil for a new ticket).
	AssigneeID     *int64 `json:"assignee_id,omitempty"`
	TeamID         *int64 `json:"team_id,omitempty"`
	PrevAssigneeID *int64 `json:"prev_assignee_id,omitempty"`
	PrevTeamID     *int64 `json:"prev_team_id,omitempty"`
}

// Kind names the job's worker.
func (NotificationEvent) Kind() string { return "notify_event" }
