package service

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/search/query"
)

// searchFilter is a filter built from a query, and whether the query can
// match nothing at all (say, status:open status:closed), so no store need
// be asked.
type searchFilter struct {
	helpdesk.TicketFilter
	none bool
}

// ParseQuery parses q in the search language and folds it into f, which
// may already hold filters (the list's own parameters): every filter of q
// narrows f further. me, none, emails and team names are resolved; an
// email that names nobody matches nothing. A query's sort: fills f.Sort
// only when f has none. none reports a query that can match no ticket
// (status:open status:closed), whose filter must not be run. Problems are
// EINVALID on field "q", with the byte position.
func (s *Service) ParseQuery(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (_ helpdesk.TicketFilter, none bool, err error) {
	sf, err := s.parseQuery(ctx, p, q, f)
	return sf.TicketFilter, sf.none, err
}

func (s *Service) parseQuery(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (searchFilter, error) {
	sf := searchFilter{TicketFilter: f}
	if err := requireUser(p); err != nil {
		return sf, err
	}
	parsed, err := query.Parse(q)
	if err != nil {
		return sf, helpdesk.Invalid("q", "%s", err.Error())
	}
	b := &filterBuilder{s: s, ctx: ctx, p: p, sf: &sf, now: s.clock(), loc: userLocation(p.User)}
	b.legacy()
	for _, t := range parsed.Terms {
		if err := b.term(t); err != nil {
			return sf, err
		}
	}
	b.finish()
	if parsed.Sort != nil && sf.Sort == "" {
		field := parsed.Sort.Field
		if field != query.FieldPriority {
			field += "_at"
		}
		if parsed.Sort.Desc {
			field = "-" + field
		}
		sf.Sort = helpdesk.TicketSort(field)
	}
	return sf, nil
}

// userLocation is the time zone dates in a user's query are read in.
func userLocation(u *helpdesk.User) *time.Location {
	if u != nil && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// idSet is a set of user or team ids in which 0 stands for "nobody" (no
// assignee, no team). nil means "no constraint yet".
type idSet map[int64]bool

// and narrows s to the ids also in t; the first constraint sets it.
func (s idSet) and(t idSet) idSet {
	if s == nil {
		return t
	}
	out := idSet{}
	for id := range s {
		if t[id] {
			out[id] = true
		}
	}
	return out
}

// split returns the set's real ids, sorted, and whether it holds nobody.
func (s idSet) split() ([]int64, bool) {
	ids := make([]int64, 0, len(s))
	for id := range s {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, s[0]
}

// filterBuilder folds query terms into a filter.
type filterBuilder struct {
	s   *Service
	ctx context.Context
	p   *helpdesk.Principal
	sf  *searchFilter
	now time.Time
	loc *time.Location

	assignees, teams, requesters    idSet
	notAssignees, notTeams, notReqs idSet
	statuses                        []helpdesk.Status
	priorities                      []helpdesk.Priority
	types                           []helpdesk.TicketType
	teamList                        []*helpdesk.Team
}

// legacy moves the list parameters that the query language also has into
// the builder's sets, so that both narrow each other the same way.
func (b *filterBuilder) legacy() {
	f := &b.sf.TicketFilter
	if f.AssigneeID != nil {
		b.assignees = b.assignees.and(idSet{*f.AssigneeID: true})
	}
	if f.Unassigned {
		b.assignees = b.assignees.and(idSet{0: true})
	}
	if len(f.AssigneeIDs) > 0 {
		b.assignees = b.assignees.and(setOf(f.AssigneeIDs))
	}
	if f.TeamID != nil {
		b.teams = b.teams.and(idSet{*f.TeamID: true})
	}
	if f.NoTeam {
		b.teams = b.teams.and(idSet{0: true})
	}
	if f.RequesterID != nil {
		b.requesters = b.requesters.and(idSet{*f.RequesterID: true})
	}
	f.AssigneeID, f.Unassigned, f.AssigneeIDs, f.TeamID, f.NoTeam, f.RequesterID = nil, false, nil, nil, false, nil
	b.statuses, b.priorities, b.types = f.Statuses, f.Priorities, f.Types
}

func setOf(ids []int64) idSet {
	s := idSet{}
	for _, id := range ids {
		s[id] = true
	}
	return s
}

func (b *filterBuilder) term(t query.Term) error {
	f := &b.sf.TicketFilter
	customer := b.p.User.Role == helpdesk.RoleCustomer
	switch t.Field {
	case "":
		if v := t.Values[0]; strings.IndexFunc(v, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0 {
			f.Text = append(f.Text, helpdesk.TextTerm{Text: v, Phrase: t.Phrase, Negated: t.Negated})
		}
	case query.FieldStatus:
		b.statuses = narrowEnum(b.statuses, t, helpdesk.Statuses)
	case query.FieldPriority:
		b.priorities = narrowEnum(b.priorities, t, helpdesk.Priorities)
	case query.FieldType:
		b.types = narrowEnum(b.types, t, helpdesk.TicketTypes)
	case query.FieldAssignee, query.FieldRequester:
		set, err := b.people(t.Values)
		if err != nil {
			return err
		}
		switch {
		case t.Field == query.FieldAssignee && t.Negated:
			b.notAssignees = union(b.notAssignees, set)
		case t.Field == query.FieldAssignee:
			b.assignees = b.assignees.and(set)
		case t.Negated:
			b.notReqs = union(b.notReqs, set)
		default:
			b.requesters = b.requesters.and(set)
		}
	case query.FieldTeam:
		if customer {
			return helpdesk.Invalid("q", "team: is for staff; search your requests by words, status, priority, type and dates")
		}
		set, err := b.teamSet(t.Values)
		if err != nil {
			return err
		}
		if t.Negated {
			b.notTeams = union(b.notTeams, set)
		} else {
			b.teams = b.teams.and(set)
		}
	case query.FieldTag:
		if customer {
			return helpdesk.Invalid("q", "tag: is for staff; search your requests by words, status, priority, type and dates")
		}
		return b.tags(t)
	case query.FieldCreated, query.FieldUpdated, query.FieldSolved:
		return b.date(t)
	}
	return nil
}

// narrowEnum ands the term's values (or, negated, every other value) into
// cur; nil cur means any. The result may be empty: nothing can match.
func narrowEnum[T ~string](cur []T, t query.Term, all []T) []T {
	var keep []T
	for _, v := range all {
		if slices.Contains(t.Values, string(v)) != t.Negated {
			keep = append(keep, v)
		}
	}
	if cur == nil {
		return keep
	}
	out := []T{}
	for _, v := range cur {
		if slices.Contains(keep, v) {
			out = append(out, v)
		}
	}
	return out
}

func union(a, b idSet) idSet {
	if a == nil {
		a = idSet{}
	}
	for id := range b {
		a[id] = true
	}
	return a
}

// people resolves me, none, ids and emails. An email that names nobody
// resolves to -1, an id no ticket has, so the term matches nothing
// without telling the caller whether that address has an account.
func (b *filterBuilder) people(values []string) (idSet, error) {
	set := idSet{}
	for _, v := range values {
		switch {
		case v == "me":
			set[b.p.User.ID] = true
		case v == "none":
			set[0] = true
		case strings.Contains(v, "@"):
			u, err := b.s.store.FindUserByEmail(b.ctx, v)
			switch {
			case helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND:
				set[-1] = true
			case err != nil:
				return nil, fmt.Errorf("find user for search: %w", err)
			default:
				set[u.ID] = true
			}
		default:
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, helpdesk.Invalid("q", "%q is not a user", v)
			}
			set[id] = true
		}
	}
	return set, nil
}

// teamSet resolves mine, none, ids and team names (any case).
func (b *filterBuilder) teamSet(values []string) (idSet, error) {
	set := idSet{}
	for _, v := range values {
		lv := strings.ToLower(v)
		switch lv {
		case "none":
			set[0] = true
			continue
		case "mine":
			ids, err := b.s.store.ListUserTeamIDs(b.ctx, b.p.User.ID)
			if err != nil {
				return nil, fmt.Errorf("list teams of user %d: %w", b.p.User.ID, err)
			}
			set[-1] = true // so that no team at all still matches nothing
			for _, id := range ids {
				set[id] = true
			}
			continue
		}
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			set[id] = true
			continue
		}
		if b.teamList == nil {
			teams, err := b.s.store.ListTeams(b.ctx)
			if err != nil {
				return nil, fmt.Errorf("list teams for search: %w", err)
			}
			b.teamList = teams
		}
		found := false
		for _, tm := range b.teamList {
			if strings.ToLower(tm.Name) == lv {
				set[tm.ID], found = true, true
			}
		}
		if !found {
			return nil, helpdesk.Invalid("q", "no team is called %q (quote names with spaces: team:\"Second line\")", v)
		}
	}
	return set, nil
}

func (b *filterBuilder) tags(t query.Term) error {
	f := &b.sf.TicketFilter
	var v helpdesk.Validation
	tags := helpdesk.NormalizeTags(&v, "q", t.Values)
	if err := v.Err(); err != nil {
		return err
	}
	switch {
	case t.Negated:
		f.NotTags = append(f.NotTags, tags...)
	case len(tags) == 1 && f.Tag == "":
		f.Tag = tags[0]
	case len(tags) == 1 && f.Tag == tags[0]:
	case f.AnyTags == nil:
		f.AnyTags = tags
	default:
		return helpdesk.Invalid("q", "a search may require one tag and one list of alternatives (tag:a tag:b,c); drop a tag: term")
	}
	return nil
}

func (b *filterBuilder) date(t query.Term) error {
	from, to := t.Interval(b.now, b.loc)
	if t.Negated {
		switch {
		case !from.IsZero() && !to.IsZero():
			return helpdesk.Invalid("q", "%s cannot be negated; use %s< or %s> instead", t.String(), t.Field, t.Field)
		case !from.IsZero():
			from, to = time.Time{}, from
		default:
			from, to = to, time.Time{}
		}
	}
	f := &b.sf.TicketFilter
	r := map[string]*helpdesk.TimeRange{query.FieldCreated: &f.Created, query.FieldUpdated: &f.Updated,
		query.FieldSolved: &f.Solved}[t.Field]
	if !from.IsZero() && (r.From == nil || from.After(*r.From)) {
		from = from.UTC().Truncate(time.Microsecond)
		r.From = &from
	}
	if !to.IsZero() && (r.To == nil || to.Before(*r.To)) {
		to = to.UTC().Truncate(time.Microsecond)
		r.To = &to
	}
	if r.From != nil && r.To != nil && !r.From.Before(*r.To) {
		b.sf.none = true
	}
	return nil
}

// finish writes the builder's sets into the filter.
func (b *filterBuilder) finish() {
	f := &b.sf.TicketFilter
	f.Statuses, f.Priorities, f.Types = b.statuses, b.priorities, b.types
	if (b.statuses != nil && len(b.statuses) == 0) || (b.priorities != nil && len(b.priorities) == 0) ||
		(b.types != nil && len(b.types) == 0) {
		b.sf.none = true
	}
	for _, set := range []idSet{b.assignees, b.teams, b.requesters} {
		if set != nil && len(set) == 0 {
			b.sf.none = true
		}
	}
	if b.assignees != nil {
		f.AssigneeIDs, f.Unassigned = b.assignees.split()
	}
	if b.notAssignees != nil {
		f.NotAssigneeIDs, f.Assigned = b.notAssignees.split()
	}
	if b.teams != nil {
		f.TeamIDs, f.NoTeam = b.teams.split()
		if len(f.TeamIDs) == 0 && !f.NoTeam {
			b.sf.none = true
		}
	}
	if b.notTeams != nil {
		f.NotTeamIDs, f.HasTeam = b.notTeams.split()
	}
	if b.requesters != nil {
		ids, _ := b.requesters.split()
		if len(ids) == 0 {
			b.sf.none = true
		}
		f.RequesterIDs = ids
	}
	if b.notReqs != nil {
		f.NotRequesterIDs, _ = b.notReqs.split()
	}
	if b.assignees != nil && len(f.AssigneeIDs) == 0 && !f.Unassigned {
		b.sf.none = true
	}
}
