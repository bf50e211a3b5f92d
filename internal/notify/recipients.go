package notify

import (
	"context"
	"fmt"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
)

// event is a job's event with what it is about, loaded in the worker's
// transaction.
type event struct {
	jobID   int64
	args    EventArgs
	ticket  *helpdesk.Ticket
	actor   *helpdesk.User    // nil when the actor is unknown
	comment *helpdesk.Comment // nil when the event has none
}

// delivery is one recipient of an event: an in-app notification of kind
// (none when kind is empty: customers get email only) keyed by key, and an
// email from template if their preferences allow.
type delivery struct {
	user     *helpdesk.User
	kind     helpdesk.NotificationKind
	key      string
	template string
}

// loadEvent reads what args is about. A ticket or comment deleted since
// leaves nothing to say: it returns nil.
func loadEvent(ctx context.Context, r helpdesk.Reader, jobID int64, args EventArgs) (*event, error) {
	ev := &event{jobID: jobID, args: args}
	var err error
	if ev.ticket, err = r.FindTicketByID(ctx, args.TicketID); helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find ticket %d: %w", args.TicketID, err)
	}
	if args.ActorID != 0 {
		if ev.actor, err = findUser(ctx, r, args.ActorID); err != nil {
			return nil, err
		}
	}
	if args.CommentID != 0 {
		ev.comment, err = r.FindCommentByID(ctx, args.CommentID)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND || (err == nil && ev.comment.TicketID != ev.ticket.ID) {
			return nil, nil
		} else if err != nil {
			return nil, fmt.Errorf("find comment %d: %w", args.CommentID, err)
		}
	}
	return ev, nil
}

// findUser returns user id, or nil if there is none.
func findUser(ctx context.Context, r helpdesk.Reader, id int64) (*helpdesk.User, error) {
	u, err := r.FindUserByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}

// recipients applies the notification rules to ev. Staff recipients are
// checked against the ticket as it is now, so a job that runs late never
// tells someone about a ticket they can no longer see.
func (ev *event) recipients(ctx context.Context, r helpdesk.Reader) ([]delivery, error) {
	var candidates []delivery
	switch ev.args.Event {
	case helpdesk.EventTicketCreated, helpdesk.EventTicketAssigned:
		c, err := ev.assignment(ctx, r)
		if err != nil {
			return nil, err
		}
		candidates = append(candidates, c...)
	}
	if ev.comment != nil && (ev.args.Event == helpdesk.EventCommentCreated || ev.args.Event == helpdesk.EventTicketCreated) {
		c, err := ev.commented(ctx, r)
		if err != nil {
			return nil, err
		}
		candidates = append(candidates, c...)
	}
	var out []delivery
	for _, d := range candidates {
		ok, err := ev.mayTell(ctx, r, d)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// mayTell applies the rules every recipient must pass.
func (ev *event) mayTell(ctx context.Context, r helpdesk.Reader, d delivery) (bool, error) {
	u := d.user
	if u == nil || !u.Active || u.ID == ev.args.ActorID {
		return false, nil
	}
	if d.kind == "" {
		// Email only: the requester, a customer, about a public comment.
		return u.Role == helpdesk.RoleCustomer && u.ID == ev.ticket.RequesterID &&
			ev.comment != nil && !ev.comment.Internal, nil
	}
	return staffCanSee(ctx, r, u, ev.ticket)
}

// staffCanSee reports whether u is staff allowed to see t now.
func staffCanSee(ctx context.Context, r helpdesk.Reader, u *helpdesk.User, t *helpdesk.Ticket) (bool, error) {
	if !u.Role.Staff() {
		return false, nil
	}
	var teamIDs []int64
	if u.Role == helpdesk.RoleAgent && t.TeamID != nil {
		var err error
		if teamIDs, err = r.ListUserTeamIDs(ctx, u.ID); err != nil {
			return false, fmt.Errorf("list teams of user %d: %w", u.ID, err)
		}
	}
	v := helpdesk.Viewer{UserID: u.ID, Role: u.Role}
	return v.CanSee(t.RequesterID, t.TeamID, t.AssigneeID, teamIDs), nil
}

// assignment notifies the new assignee, and the members of a new team
// other than the assignee. Its keys name the job, which stands for this
// one change: the same ticket assigned to the same person again later is
// news again.
func (ev *event) assignment(ctx context.Context, r helpdesk.Reader) ([]delivery, error) {
	var out []delivery
	a := ev.args
	if a.AssigneeID != nil && !sameID(a.AssigneeID, a.PrevAssigneeID) {
		u, err := findUser(ctx, r, *a.AssigneeID)
		if err != nil {
			return nil, err
		}
		out = append(out, delivery{user: u, kind: helpdesk.NotifyAssigned, template: mail.KindAssigned,
			key: fmt.Sprintf("assigned:t%d:j%d", ev.ticket.ID, ev.jobID)})
	}
	if a.TeamID != nil && !sameID(a.TeamID, a.PrevTeamID) {
		members, err := r.ListTeamMembers(ctx, *a.TeamID)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("list members of team %d: %w", *a.TeamID, err)
		}
		for _, u := range members {
			if sameID(&u.ID, a.AssigneeID) {
				continue
			}
			out = append(out, delivery{user: u, kind: helpdesk.NotifyTeamAssigned, template: mail.KindTeamAssigned,
				key: fmt.Sprintf("team_assigned:t%d:j%d", ev.ticket.ID, ev.jobID)})
		}
	}
	return out, nil
}

// commented applies the comment rules: a customer's public reply tells the
// assignee; a staff comment tells those it mentions, and, when it is a
// public reply to an existing ticket, emails the customer.
func (ev *event) commented(ctx context.Context, r helpdesk.Reader) ([]delivery, error) {
	c := ev.comment
	author, err := findUser(ctx, r, c.AuthorID)
	if err != nil || author == nil {
		return nil, err
	}
	var out []delivery
	if author.Role == helpdesk.RoleCustomer {
		if c.Internal || ev.args.Event != helpdesk.EventCommentCreated || ev.ticket.AssigneeID == nil {
			return nil, nil
		}
		u, err := findUser(ctx, r, *ev.ticket.AssigneeID)
		if err != nil {
			return nil, err
		}
		return append(out, delivery{user: u, kind: helpdesk.NotifyCustomerReply, template: mail.KindCustomerReply,
			key: fmt.Sprintf("customer_reply:c%d", c.ID)}), nil
	}
	if !author.Role.Staff() {
		return nil, nil
	}
	for _, name := range helpdesk.ParseMentions(c.Body) {
		u, err := mentioned(ctx, r, name)
		if err != nil {
			return nil, err
		}
		if u != nil {
			out = append(out, delivery{user: u, kind: helpdesk.NotifyMention, template: mail.KindMention,
				key: fmt.Sprintf("mention:c%d", c.ID)})
		}
	}
	if !c.Internal && ev.args.Event == helpdesk.EventCommentCreated {
		u, err := findUser(ctx, r, ev.ticket.RequesterID)
		if err != nil {
			return nil, err
		}
		out = append(out, delivery{user: u, template: mail.KindAgentReply})
	}
	return out, nil
}

// mentioned resolves a mention to the active staff member it names: a
// whole address, or an email local part that exactly one of them has.
func mentioned(ctx context.Context, r helpdesk.Reader, name string) (*helpdesk.User, error) {
	if strings.Contains(name, "@") {
		u, err := r.FindUserByEmail(ctx, name)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return nil, nil
		} else if err != nil {
			return nil, fmt.Errorf("find mentioned user: %w", err)
		}
		return u, nil
	}
	active := true
	users, err := r.ListUsers(ctx, helpdesk.UserFilter{
		Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin}, Active: &active,
		Query: name + "@", Limit: 10,
	})
	if err != nil {
		return nil, fmt.Errorf("find mentioned user: %w", err)
	}
	var found *helpdesk.User
	for _, u := range users {
		if local, _, _ := strings.Cut(u.Email, "@"); strings.EqualFold(local, name) {
			if found != nil {
				return nil, nil // ambiguous: the full address is needed
			}
			found = u
		}
	}
	return found, nil
}

func sameID(a, b *int64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
