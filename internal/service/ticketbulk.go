package service

import (
	"context"
	"slices"

	"github.com/triagehq/triage/internal/helpdesk"
)

// MaxBulkTickets is the most tickets one bulk update may name.
const MaxBulkTickets = 100

// BulkUpdate is the change a bulk update applies to every ticket: the
// fields of a ticket update, and tag edits made against each ticket's own
// tags. Tags (replace all) cannot be combined with AddTags or RemoveTags.
type BulkUpdate struct {
	helpdesk.TicketUpdate
	AddTags    []string
	RemoveTags []string
}

// BulkResult is the outcome for one ticket of a bulk update: the updated
// ticket, or why it was not updated.
type BulkResult struct {
	ID     int64
	Ticket *helpdesk.Ticket
	Err    error
}

// BulkUpdateTickets applies u to each ticket of ids, in order, each in its
// own transaction through the same checks and audit as UpdateTicket. One
// ticket failing does not stop the others; a ticket the caller may not see
// fails exactly like a missing one. Staff only.
func (s *Service) BulkUpdateTickets(ctx context.Context, p *helpdesk.Principal, ids []int64, u BulkUpdate) ([]BulkResult, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	if err := validateBulk(ids, &u); err != nil {
		return nil, err
	}
	// A bad assignee or team would fail every ticket alike; refusing the
	// request names the field once. Each ticket checks again in its own
	// transaction, as UpdateTicket does.
	var v helpdesk.Validation
	if err := checkTicketRefs(ctx, s.store, &v, 0, u.AssigneeID, u.TeamID); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	results := make([]BulkResult, len(ids))
	for i, id := range ids {
		t, err := s.updateTicket(ctx, p, id, func(t *helpdesk.Ticket) (helpdesk.TicketUpdate, error) {
			return u.forTicket(t)
		})
		results[i] = BulkResult{ID: id, Ticket: t, Err: err}
	}
	return results, nil
}

// validateBulk checks the ids and the update of a bulk update, once for
// all tickets, normalizing the tags.
func validateBulk(ids []int64, u *BulkUpdate) error {
	var v helpdesk.Validation
	validateBulkIDs(&v, ids)
	if u.Subject != nil {
		v.Add("subject", "cannot be changed in bulk")
	}
	if u.Empty() && len(u.AddTags) == 0 && len(u.RemoveTags) == 0 {
		return helpdesk.Errorf(helpdesk.EINVALID, "Nothing to update.")
	}
	if u.Tags != nil && (len(u.AddTags) > 0 || len(u.RemoveTags) > 0) {
		v.Add("tags", "cannot be combined with add_tags or remove_tags")
	}
	u.AddTags = helpdesk.NormalizeTags(&v, "add_tags", u.AddTags)
	u.RemoveTags = helpdesk.NormalizeTags(&v, "remove_tags", u.RemoveTags)
	for _, tag := range u.AddTags {
		if slices.Contains(u.RemoveTags, tag) {
			v.Add("remove_tags", "cannot remove %q while adding it", tag)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if u.TicketUpdate.Empty() {
		return nil
	}
	return validateTicketUpdate(&u.TicketUpdate)
}

// validateBulkIDs accepts 1 to MaxBulkTickets distinct positive ids.
func validateBulkIDs(v *helpdesk.Validation, ids []int64) {
	if len(ids) == 0 || len(ids) > MaxBulkTickets {
		v.Add("ids", "must list 1 to %d ticket ids", MaxBulkTickets)
		return
	}
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if id <= 0 {
			v.Add("ids", "must be positive ticket ids")
			return
		}
		if seen[id] {
			v.Add("ids", "must not repeat a ticket id (%d appears twice)", id)
			return
		}
		seen[id] = true
	}
}

// forTicket returns the ticket update u makes to t: its fields, with the
// tag edits applied to t's current tags.
func (u BulkUpdate) forTicket(t *helpdesk.Ticket) (helpdesk.TicketUpdate, error) {
	out := u.TicketUpdate
	if len(u.AddTags) == 0 && len(u.RemoveTags) == 0 {
		return out, nil
	}
	tags := make([]string, 0, len(t.Tags)+len(u.AddTags))
	for _, tag := range t.Tags {
		if !slices.Contains(u.RemoveTags, tag) {
			tags = append(tags, tag)
		}
	}
	tags = append(tags, u.AddTags...)
	var v helpdesk.Validation
	tags = helpdesk.NormalizeTags(&v, "tags", tags)
	if err := v.Err(); err != nil {
		return out, err
	}
	out.Tags = &tags
	return out, nil
}
