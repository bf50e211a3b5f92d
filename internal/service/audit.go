package service

import (
	"context"
	"fmt"
	"slices"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Audit list page sizes.
const (
	defaultAuditLimit = 50
	maxPageLimit      = 100
)

// ListAudit returns audit entries newest first, and the BeforeID that
// continues the list (0 when this is the last page). Admins only.
func (s *Service) ListAudit(ctx context.Context, p *helpdesk.Principal, f helpdesk.AuditFilter) ([]*helpdesk.AuditEntry, int64, error) {
	if err := requireAdmin(p); err != nil {
		return nil, 0, err
	}
	var v helpdesk.Validation
	limit := pageLimit(&v, f.Limit, defaultAuditLimit)
	if f.BeforeID < 0 {
		v.Add("cursor", "must not be negative")
	}
	if f.Since != nil && f.Until != nil && f.Until.Before(*f.Since) {
		v.Add("until", "must not be before since")
	}
	if err := v.Err(); err != nil {
		return nil, 0, err
	}
	f.Limit = limit + 1
	entries, err := s.store.ListAudit(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit: %w", err)
	}
	var next int64
	if len(entries) > limit {
		entries = entries[:limit]
		next = entries[limit-1].ID
	}
	return entries, next, nil
}

// Ready reports whether the service can take traffic: the database answers
// and every known migration has been applied.
func (s *Service) Ready(ctx context.Context) error {
	if err := s.store.Ping(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	applied, latest, err := s.store.MigrationVersion(ctx)
	if err != nil {
		return fmt.Errorf("read migration version: %w", err)
	}
	if applied != latest {
		return fmt.Errorf("database migrations are pending: applied version %d, latest %d", applied, latest)
	}
	return nil
}

// pageLimit checks a requested page size: 0 takes def, anything outside
// 1..maxPageLimit is refused through v.
func pageLimit(v *helpdesk.Validation, limit, def int) int {
	if limit == 0 {
		return def
	}
	if limit < 0 || limit > maxPageLimit {
		v.Add("limit", "must be between 1 and %d", maxPageLimit)
	}
	return limit
}

// changes records the fields an update really changed, as the before and
// after objects of its audit entry. Unchanged fields stay out of both.
type changes struct {
	before map[string]any
	after  map[string]any
}

func newChanges() *changes {
	return &changes{before: map[string]any{}, after: map[string]any{}}
}

// empty reports whether nothing changed.
func (c *changes) empty() bool { return len(c.after) == 0 }

// record notes that field went from old to new.
func (c *changes) record(field string, old, new any) {
	c.before[field] = old
	c.after[field] = new
}

// setValue sets *dst to v, recording the change if the value differs.
func setValue[T comparable](c *changes, field string, dst *T, v T) {
	if *dst != v {
		c.record(field, *dst, v)
		*dst = v
	}
}

// setOptional sets *dst to v (nil clears it), recording the change if the
// value differs.
func setOptional[T comparable](c *changes, field string, dst **T, v *T) {
	old := *dst
	if (old == nil) == (v == nil) && (old == nil || *old == *v) {
		return
	}
	c.record(field, old, v)
	*dst = v
}

// setSlice sets *dst to v, recording the change if the contents differ.
func setSlice[T comparable](c *changes, field string, dst *[]T, v []T) {
	if !slices.Equal(*dst, v) {
		c.record(field, *dst, v)
		*dst = v
	}
}
