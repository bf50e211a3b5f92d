package helpdesk

import (
	"context"
	"time"
)

// Reader is every read the service needs. Lookups of a missing row return
// an ENOTFOUND *Error, never nil, nil. Lists return an empty, non-nil slice
// when nothing matches, and at most the filter's Limit rows.
type Reader interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByEmail matches case-insensitively.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	ListUsers(ctx context.Context, f UserFilter) ([]*User, error)
	// ListUsersByIDs returns the users with these ids, in any order; ids
	// with no user are simply absent. At most MaxUserIDs ids.
	ListUsersByIDs(ctx context.Context, ids []int64) ([]*User, error)

	FindTeamByID(ctx context.Context, id int64) (*Team, error)
	// ListTeams returns every team ordered by name.
	ListTeams(ctx context.Context) ([]*Team, error)
	// ListTeamMembers returns the team's members ordered by name.
	ListTeamMembers(ctx context.Context, teamID int64) ([]*User, error)
	// ListUserTeamIDs returns the ids of the teams userID belongs to, ascending.
	ListUserTeamIDs(ctx context.Context, userID int64) ([]int64, error)

	FindTicketByID(ctx context.Context, id int64) (*Ticket, error)
	ListTickets(ctx context.Context, f TicketFilter) ([]*Ticket, error)
	// CountTickets counts the tickets ListTickets would return for f,
	// ignoring Sort, After and Limit, but stops at max: n is at most max,
	// so a caller asking for max+1 learns whether there are more.
	CountTickets(ctx context.Context, f TicketFilter, max int) (n int, err error)

	// SearchCandidates returns up to max tickets matching f, Text included,
	// newest (highest id) first, each with its rank for f.Text (all equal
	// when f.Text is empty). Sort, After and Limit are ignored. A customer
	// viewer's text never matches internal notes.
	SearchCandidates(ctx context.Context, f TicketFilter, max int) ([]SearchCandidate, error)
	// ListTicketsByIDs returns the tickets with these ids, in any order;
	// ids with no ticket are absent. At most MaxUserIDs ids.
	ListTicketsByIDs(ctx context.Context, ids []int64) ([]*Ticket, error)
	// TicketSnippets returns an excerpt of where text matched each of the
	// tickets ids, seen through v: a customer's snippet never comes from an
	// internal note. Tickets whose text does not match have no entry.
	TicketSnippets(ctx context.Context, v Viewer, text []TextTerm, ids []int64) (map[int64]*Snippet, error)

	// FindSavedView returns a saved view by id, whoever may see it.
	FindSavedView(ctx context.Context, id int64) (*SavedView, error)
	// ListSavedViews returns the views userID may see: their personal
	// views, views shared with everyone, and views shared with any of
	// teamIDs (every team view when allTeams, for admins), ordered by
	// position, then name, then id.
	ListSavedViews(ctx context.Context, userID int64, teamIDs []int64, allTeams bool) ([]*SavedView, error)

	FindCommentByID(ctx context.Context, id int64) (*Comment, error)
	ListComments(ctx context.Context, f CommentFilter) ([]*Comment, error)
	// ListCommentRevisions returns earlier bodies, oldest first.
	ListCommentRevisions(ctx context.Context, commentID int64) ([]*CommentRevision, error)

	FindSession(ctx context.Context, id string) (*Session, error)
	// ListSessions returns userID's live sessions at now, newest first.
	ListSessions(ctx context.Context, userID int64, now time.Time) ([]*Session, error)
	FindRefreshToken(ctx context.Context, tokenHash string) (*RefreshToken, error)

	FindAPITokenByID(ctx context.Context, id int64) (*APIToken, error)
	FindAPITokenByHash(ctx context.Context, tokenHash string) (*APIToken, error)
	// ListAPITokens returns userID's tokens, revoked ones included, newest first.
	ListAPITokens(ctx context.Context, userID int64) ([]*APIToken, error)

	FindPasswordReset(ctx context.Context, tokenHash string) (*PasswordReset, error)

	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)

	ListNotifications(ctx context.Context, f NotificationFilter) ([]*Notification, error)
	// CountUnreadNotifications counts userID's unread notifications, but
	// stops at max.
	CountUnreadNotifications(ctx context.Context, userID int64, max int) (int, error)
	// FindNotificationPrefs returns userID's preferences, the defaults
	// (everything on) when they never saved any.
	FindNotificationPrefs(ctx context.Context, userID int64) (*NotificationPrefs, error)
	// EmailSent reports whether the email with this Message-ID was sent.
	EmailSent(ctx context.Context, messageID string) (bool, error)
}

// Tx is a write transaction. Everything done through one Tx commits or rolls
// back together, which is how an audit entry always lands with its change.
// Create methods set the new row's ID; all timestamps come from the caller.
type Tx interface {
	Reader

	// CreateUser fails with ECONFLICT if the email is taken (any case).
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser writes email, name, role, active, time zone and updated_at.
	UpdateUser(ctx context.Context, u *User) error
	SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error

	// CreateTeam fails with ECONFLICT if the name is taken (any case).
	CreateTeam(ctx context.Context, t *Team) error
	UpdateTeam(ctx context.Context, t *Team) error
	// DeleteTeam removes the team and its memberships and clears it from
	// tickets.
	DeleteTeam(ctx context.Context, id int64) error
	// AddTeamMember is idempotent.
	AddTeamMember(ctx context.Context, teamID, userID int64) error
	// RemoveTeamMember fails with ENOTFOUND if userID is not a member.
	RemoveTeamMember(ctx context.Context, teamID, userID int64) error

	// CreateTicket stores t and its tags.
	CreateTicket(ctx context.Context, t *Ticket) error
	// UpdateTicket writes every mutable field of t, tags included.
	UpdateTicket(ctx context.Context, t *Ticket) error

	CreateComment(ctx context.Context, c *Comment) error
	// UpdateComment writes c's body, body_html and edited_at, and stores rev
	// (the replaced body), setting rev.ID.
	UpdateComment(ctx context.Context, c *Comment, rev *CommentRevision) error

	CreateSession(ctx context.Context, s *Session) error
	TouchSession(ctx context.Context, id string, at time.Time) error
	RevokeSession(ctx context.Context, id string, at time.Time) error
	// RevokeUserSessions revokes userID's live sessions except exceptID
	// ("" for none) and returns how many it revoked.
	RevokeUserSessions(ctx context.Context, userID int64, exceptID string, at time.Time) (int, error)

	CreateRefreshToken(ctx context.Context, t *RefreshToken) error
	// UseRefreshToken marks the token used at `at` if it was unused, and
	// reports whether it did; false means it had been used before.
	UseRefreshToken(ctx context.Context, tokenHash string, at time.Time) (bool, error)

	CreateAPIToken(ctx context.Context, t *APIToken) error
	RevokeAPIToken(ctx context.Context, id int64, at time.Time) error
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
	// RevokeUserAPITokens revokes every live token of userID.
	RevokeUserAPITokens(ctx context.Context, userID int64, at time.Time) (int, error)

	CreatePasswordReset(ctx context.Context, r *PasswordReset) error
	// UsePasswordReset marks the reset used if it was unused, and reports
	// whether it did.
	UsePasswordReset(ctx context.Context, tokenHash string, at time.Time) (bool, error)

	AppendAudit(ctx context.Context, e *AuditEntry) error

	// CreateSavedView stores v and sets v.ID.
	CreateSavedView(ctx context.Context, v *SavedView) error
	// UpdateSavedView writes name, query, sort, columns, scope, team,
	// position and updated_at; ENOTFOUND if there is no such view.
	UpdateSavedView(ctx context.Context, v *SavedView) error
	// DeleteSavedView removes view id; ENOTFOUND if there is no such view.
	DeleteSavedView(ctx context.Context, id int64) error

	// EnqueueJob queues a background job in this transaction, so the job
	// exists exactly when the change that asked for it commits and is never
	// worked before then. A nil opts takes the defaults.
	EnqueueJob(ctx context.Context, args JobArgs, opts *JobOpts) error

	// CreateNotification stores n and sets n.ID, unless the user already has
	// a notification with n.DedupeKey: then it stores nothing and returns
	// false.
	CreateNotification(ctx context.Context, n *Notification) (created bool, err error)
	// MarkNotificationRead marks notification id read (keeping an earlier
	// read time) and reports false when userID has no such notification.
	MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) (bool, error)
	// MarkAllNotificationsRead marks userID's unread notifications read and
	// returns how many.
	MarkAllNotificationsRead(ctx context.Context, userID int64, at time.Time) (int, error)
	// SaveNotificationPrefs stores p, replacing any earlier preferences.
	SaveNotificationPrefs(ctx context.Context, p *NotificationPrefs) error
	// RecordEmailSent notes that the email with this Message-ID was sent;
	// recording it again changes nothing.
	RecordEmailSent(ctx context.Context, messageID string, at time.Time) error
}

// Store is a database holding Triage's data: SQLite or PostgreSQL.
type Store interface {
	Reader
	// Update runs fn in one write transaction. fn's error, or a panic,
	// rolls it back; otherwise it commits. fn must use only tx.
	Update(ctx context.Context, fn func(ctx context.Context, tx Tx) error) error
	// Ping checks the database answers.
	Ping(ctx context.Context) error
	// MigrationVersion returns the applied and the latest known migration.
	MigrationVersion(ctx context.Context) (applied, latest int64, err error)
	Close() error
}
