package service

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Saved view limits.
const (
	MaxViewsPerOwner = 100
	MaxViewName      = 100 // characters
	MaxViewPosition  = 10_000
)

// DefaultViewColumns are the columns of a view saved without any.
var DefaultViewColumns = []string{"id", "subject", "status", "priority", "requester", "assignee", "updated_at"}

// View is a saved view as one caller sees it.
type View struct {
	*helpdesk.SavedView
	// CanEdit says whether the caller may change and delete the view.
	CanEdit bool
}

// NewView is a view to save. An empty Scope is personal; empty Columns
// are DefaultViewColumns.
type NewView struct {
	Name    string
	Query   string
	Sort    helpdesk.TicketSort
	Columns []string
	Scope   string
	TeamID  *int64
}

// ViewUpdate changes a saved view; nil fields stay as they are. Moving a
// view out of the team scope drops its team; ClearTeam drops it
// explicitly. Empty (non-nil) Columns are DefaultViewColumns.
type ViewUpdate struct {
	Name      *string
	Query     *string
	Sort      *helpdesk.TicketSort
	Columns   []string
	Scope     *string
	TeamID    *int64
	ClearTeam bool
	Position  *int
}

func (u ViewUpdate) empty() bool {
	return u.Name == nil && u.Query == nil && u.Sort == nil && u.Columns == nil && u.Scope == nil &&
		u.TeamID == nil && !u.ClearTeam && u.Position == nil
}

// viewNotFound is the answer for a view that is missing or that the
// caller may not see; the two must be indistinguishable.
func viewNotFound() error { return helpdesk.Errorf(helpdesk.ENOTFOUND, "View not found.") }

// canSeeView reports whether p sees v: its owner sees a personal view,
// all staff a view for everyone, a team's members and admins a team view.
// Callers have checked p is staff.
func canSeeView(ctx context.Context, r helpdesk.Reader, p *helpdesk.Principal, v *helpdesk.SavedView) (bool, error) {
	switch {
	case v.Scope == helpdesk.ViewPersonal:
		return v.OwnerID == p.User.ID, nil
	case v.Scope == helpdesk.ViewEveryone || isAdmin(p):
		return true, nil
	case v.Scope == helpdesk.ViewTeam && v.TeamID != nil:
		teamIDs, err := r.ListUserTeamIDs(ctx, p.User.ID)
		if err != nil {
			return false, fmt.Errorf("list teams of user %d: %w", p.User.ID, err)
		}
		return slices.Contains(teamIDs, *v.TeamID), nil
	}
	return false, nil
}

// canEditView reports whether p may change v: a personal view is its
// owner's alone; shared views are the admins'.
func canEditView(p *helpdesk.Principal, v *helpdesk.SavedView) bool {
	if v.Scope == helpdesk.ViewPersonal {
		return v.OwnerID == p.User.ID
	}
	return isAdmin(p)
}

// visibleView loads view id through r and checks p may see it.
func visibleView(ctx context.Context, r helpdesk.Reader, p *helpdesk.Principal, id int64) (*helpdesk.SavedView, error) {
	v, err := r.FindSavedView(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, viewNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find view %d: %w", id, err)
	}
	ok, err := canSeeView(ctx, r, p, v)
	if err != nil {
		return nil, err
	} else if !ok {
		return nil, viewNotFound()
	}
	return v, nil
}

// GetView returns one view the caller may see. Staff only.
func (s *Service) GetView(ctx context.Context, p *helpdesk.Principal, id int64) (*View, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	v, err := visibleView(ctx, s.store, p, id)
	if err != nil {
		return nil, err
	}
	return &View{SavedView: v, CanEdit: canEditView(p, v)}, nil
}

// CreateView saves a view owned by the caller. Agents save personal
// views; admins may also share views with a team or everyone.
func (s *Service) CreateView(ctx context.Context, p *helpdesk.Principal, in NewView) (*View, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	now := s.clock()
	v := &helpdesk.SavedView{
		OwnerID: p.User.ID, Name: strings.TrimSpace(in.Name), Query: in.Query, Sort: in.Sort,
		Columns: in.Columns, Scope: in.Scope, TeamID: in.TeamID, CreatedAt: now, UpdatedAt: now,
	}
	if v.Scope == "" {
		v.Scope = helpdesk.ViewPersonal
	}
	if len(v.Columns) == 0 {
		v.Columns = slices.Clone(DefaultViewColumns)
	}
	if err := checkSharing(p, nil, v); err != nil {
		return nil, err
	}
	if err := validateView(v); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := checkViewTeam(ctx, tx, v.TeamID); err != nil {
			return err
		}
		if err := checkViewQuota(ctx, tx, p.User.ID); err != nil {
			return err
		}
		if err := tx.CreateSavedView(ctx, v); err != nil {
			return fmt.Errorf("create view: %w", err)
		}
		return s.audit(ctx, tx, p, "view.create", "view", strconv.FormatInt(v.ID, 10), nil, viewAudit(v))
	})
	if err != nil {
		return nil, err
	}
	return &View{SavedView: v, CanEdit: true}, nil
}

// UpdateView changes a view the caller may edit. Changing nothing writes
// nothing.
func (s *Service) UpdateView(ctx context.Context, p *helpdesk.Principal, id int64, u ViewUpdate) (*View, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	if u.empty() {
		return nil, helpdesk.Errorf(helpdesk.EINVALID, "Nothing to update.")
	}
	var next helpdesk.SavedView
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		cur, err := visibleView(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if !canEditView(p, cur) {
			return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only admins can change shared views.")
		}
		next = *cur
		c := applyViewUpdate(&next, u)
		if err := checkSharing(p, cur, &next); err != nil {
			return err
		}
		if err := validateView(&next); err != nil {
			return err
		}
		if c.empty() {
			return nil
		}
		if _, ok := c.after["team_id"]; ok {
			if err := checkViewTeam(ctx, tx, next.TeamID); err != nil {
				return err
			}
		}
		next.UpdatedAt = s.clock()
		if err := tx.UpdateSavedView(ctx, &next); err != nil {
			return fmt.Errorf("update view %d: %w", id, err)
		}
		return s.audit(ctx, tx, p, "view.update", "view", strconv.FormatInt(id, 10), c.before, c.after)
	})
	if err != nil {
		return nil, err
	}
	return &View{SavedView: &next, CanEdit: canEditView(p, &next)}, nil
}

// DeleteView deletes a view the caller may edit.
func (s *Service) DeleteView(ctx context.Context, p *helpdesk.Principal, id int64) error {
	if err := requireStaff(p); err != nil {
		return err
	}
	return s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		v, err := visibleView(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if !canEditView(p, v) {
			return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only admins can delete shared views.")
		}
		if err := tx.DeleteSavedView(ctx, id); err != nil {
			return fmt.Errorf("delete view %d: %w", id, err)
		}
		return s.audit(ctx, tx, p, "view.delete", "view", strconv.FormatInt(id, 10), viewAudit(v), nil)
	})
}

// applyViewUpdate applies u to v and returns what changed.
func applyViewUpdate(v *helpdesk.SavedView, u ViewUpdate) *changes {
	c := newChanges()
	if u.Name != nil {
		setValue(c, "name", &v.Name, strings.TrimSpace(*u.Name))
	}
	if u.Query != nil {
		setValue(c, "query", &v.Query, *u.Query)
	}
	if u.Sort != nil {
		setValue(c, "sort", &v.Sort, *u.Sort)
	}
	if u.Columns != nil {
		columns := u.Columns
		if len(columns) == 0 {
			columns = DefaultViewColumns
		}
		if !slices.Equal(v.Columns, columns) {
			c.record("columns", v.Columns, columns)
			v.Columns = slices.Clone(columns)
		}
	}
	if u.Scope != nil {
		setValue(c, "scope", &v.Scope, *u.Scope)
	}
	switch {
	case u.TeamID != nil:
		setOptional(c, "team_id", &v.TeamID, u.TeamID)
	case u.ClearTeam || (u.Scope != nil && *u.Scope != helpdesk.ViewTeam):
		setOptional(c, "team_id", &v.TeamID, nil)
	}
	if u.Position != nil {
		setValue(c, "position", &v.Position, *u.Position)
	}
	return c
}

// checkSharing enforces who may share: only admins create or edit shared
// views, and only a view's owner may take it back to personal (it would
// otherwise vanish into someone else's sidebar). cur is nil on create.
func checkSharing(p *helpdesk.Principal, cur, next *helpdesk.SavedView) error {
	shared := next.Scope == helpdesk.ViewTeam || next.Scope == helpdesk.ViewEveryone
	// Agents edit only their personal views, so any shared scope here is
	// one they ask for.
	if shared && !isAdmin(p) {
		return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only admins can share views.")
	}
	if cur != nil && cur.Scope != helpdesk.ViewPersonal && next.Scope == helpdesk.ViewPersonal &&
		cur.OwnerID != p.User.ID {
		return helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only its owner can make a shared view personal.")
	}
	return nil
}

// viewAudit is the state of v the audit log records.
func viewAudit(v *helpdesk.SavedView) map[string]any {
	return map[string]any{
		"id": v.ID, "owner_id": v.OwnerID, "name": v.Name, "query": v.Query, "sort": v.Sort,
		"columns": v.Columns, "scope": v.Scope, "team_id": v.TeamID, "position": v.Position,
	}
}
