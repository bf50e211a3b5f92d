package service

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/search/query"
)

// TicketHit is one ticket a search found, with where its text matched
// (nil when the search had no free text).
type TicketHit struct {
	Ticket  *helpdesk.Ticket
	Snippet *helpdesk.Snippet
}

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
// only when f has none. Problems are EINVALID on field "q", with the byte
// position.
func (s *Service) ParseQuery(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (helpdesk.TicketFilter, error) {
	sf, err := s.parseQuery(ctx, p, q, f)
	if sf.none {
		// A contradiction: keep it impossible for any caller of the filter.
		sf.Statuses = []helpdesk.Status{"-"}
	}
	return sf.TicketFilter, err
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

// prepareSearch checks the caller, folds q into f and validates the
// result the way a list is validated. With free text and no sort the
// order is relevance.
func (s *Service) prepareSearch(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (searchFilter, int, error) {
	if err := requireUser(p); err != nil {
		return searchFilter{}, 0, err
	}
	f.Viewer = p.Viewer()
	if ok, err := s.resolveMyTeams(ctx, p, &f); err != nil {
		return searchFilter{}, 0, err
	} else if !ok {
		return searchFilter{none: true}, 0, nil
	}
	sf, err := s.parseQuery(ctx, p, q, f)
	if err != nil {
		return sf, 0, err
	}
	relevance := sf.Sort == helpdesk.SortRelevance
	if relevance && len(sf.Text) == 0 {
		return sf, 0, helpdesk.Invalid("sort", "relevance needs words to search for in q")
	}
	if sf.Sort == "" && len(sf.Text) > 0 {
		sf.Sort, relevance = helpdesk.SortRelevance, true
	}
	if !relevance {
		limit, err := validateTicketFilter(&sf.TicketFilter, p)
		return sf, limit, err
	}
	// Relevance is not a list sort: validate the rest as the default
	// list, then put the sort and its cursor back.
	after := sf.After
	if after != nil && after.Sort != helpdesk.SortRelevance {
		return sf, 0, helpdesk.Invalid("cursor", "belongs to another sort; start again without a cursor")
	}
	sf.Sort, sf.After = "", nil
	limit, err := validateTicketFilter(&sf.TicketFilter, p)
	sf.Sort, sf.After = helpdesk.SortRelevance, after
	return sf, limit, err
}

// SearchTickets runs a search: q in the search language on top of f's
// list filters, paged like ListTickets. Without free text it is a list
// (any depth, index-backed). With free text it considers the
// helpdesk.SearchCandidates newest matching tickets and orders those by
// relevance or by the sort asked for; each hit carries its snippet.
func (s *Service) SearchTickets(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) ([]*TicketHit, *helpdesk.TicketCursor, error) {
	sf, limit, err := s.prepareSearch(ctx, p, q, f)
	if err != nil || sf.none {
		return []*TicketHit{}, nil, err
	}
	if len(sf.Text) == 0 {
		sf.Limit = limit + 1
		items, err := s.store.ListTickets(ctx, sf.TicketFilter)
		if err != nil {
			return nil, nil, fmt.Errorf("search tickets: %w", err)
		}
		var next *helpdesk.TicketCursor
		if len(items) > limit {
			items = items[:limit]
			c := helpdesk.CursorFor(sf.Sort, items[limit-1])
			next = &c
		}
		hits := make([]*TicketHit, len(items))
		for i, t := range items {
			hits[i] = &TicketHit{Ticket: t}
		}
		return hits, next, nil
	}
	cands, err := s.store.SearchCandidates(ctx, sf.TicketFilter, helpdesk.SearchCandidates)
	if err != nil {
		return nil, nil, fmt.Errorf("search tickets: %w", err)
	}
	page, next := pageCandidates(cands, sf.Sort, sf.After, limit)
	ids := make([]int64, len(page))
	for i, c := range page {
		ids[i] = c.ID
	}
	tickets, err := s.store.ListTicketsByIDs(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("search tickets: %w", err)
	}
	snippets, err := s.store.TicketSnippets(ctx, sf.Viewer, sf.Text, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("search snippets: %w", err)
	}
	byID := make(map[int64]*helpdesk.Ticket, len(tickets))
	for _, t := range tickets {
		byID[t.ID] = t
	}
	hits := make([]*TicketHit, 0, len(page))
	for _, c := range page {
		if t := byID[c.ID]; t != nil {
			hits = append(hits, &TicketHit{Ticket: t, Snippet: snippets[c.ID]})
		}
	}
	return hits, next, nil
}

// candidateKey is a candidate's sort key as a cursor carries it: unix
// microseconds for times, the priority rank, the id, or the rank's bits
// (a float64 read back exactly, so paging by relevance is a keyset too).
func candidateKey(s helpdesk.TicketSort, c helpdesk.SearchCandidate) int64 {
	switch s.Field() {
	case "relevance":
		return int64(math.Float64bits(c.Rank))
	case "updated_at":
		return c.UpdatedAt.UnixMicro()
	case "created_at":
		return c.CreatedAt.UnixMicro()
	case "priority":
		return int64(c.Priority.Rank())
	}
	return c.ID
}

// compareCandidates orders a before b under s, ties broken by id in the
// sort's direction. Relevance is best first, then newest.
func compareCandidates(s helpdesk.TicketSort, a, b helpdesk.SearchCandidate) int {
	var c int
	switch s.Field() {
	case "relevance":
		c = cmp.Compare(b.Rank, a.Rank)
		if c == 0 {
			c = cmp.Compare(b.ID, a.ID)
		}
		return c
	case "updated_at":
		c = a.UpdatedAt.Compare(b.UpdatedAt)
	case "created_at":
		c = a.CreatedAt.Compare(b.CreatedAt)
	case "priority":
		c = cmp.Compare(a.Priority.Rank(), b.Priority.Rank())
	}
	if c == 0 {
		c = cmp.Compare(a.ID, b.ID)
	}
	if s.Desc() {
		c = -c
	}
	return c
}

// pageCandidates orders the candidates, skips to after the cursor and
// returns one page and the cursor of the next, if any.
func pageCandidates(cands []helpdesk.SearchCandidate, s helpdesk.TicketSort, after *helpdesk.TicketCursor, limit int) ([]helpdesk.SearchCandidate, *helpdesk.TicketCursor) {
	slices.SortFunc(cands, func(a, b helpdesk.SearchCandidate) int { return compareCandidates(s, a, b) })
	if after != nil {
		at := helpdesk.SearchCandidate{ID: after.ID}
		switch s.Field() {
		case "relevance":
			at.Rank = math.Float64frombits(uint64(after.Key))
		case "updated_at":
			at.UpdatedAt = time.UnixMicro(after.Key)
		case "created_at":
			at.CreatedAt = time.UnixMicro(after.Key)
		case "priority":
			at.Priority = priorityOfRank(after.Key)
		}
		i, _ := slices.BinarySearchFunc(cands, at, func(c, t helpdesk.SearchCandidate) int { return compareCandidates(s, c, t) })
		for i < len(cands) && compareCandidates(s, cands[i], at) <= 0 {
			i++
		}
		cands = cands[i:]
	}
	if len(cands) <= limit {
		return cands, nil
	}
	page := cands[:limit]
	last := page[limit-1]
	return page, &helpdesk.TicketCursor{Sort: s, Key: candidateKey(s, last), ID: last.ID}
}

func priorityOfRank(r int64) helpdesk.Priority {
	if r >= 1 && int(r) <= len(helpdesk.Priorities) {
		return helpdesk.Priorities[r-1]
	}
	return ""
}

// CountSearch counts the tickets a search finds, bounded: at most
// MaxTicketCount, or helpdesk.SearchCandidates with free text (a search
// considers no more). capped says there are more.
func (s *Service) CountSearch(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (n int, capped bool, err error) {
	f.Sort, f.After, f.Limit = "", nil, 0
	sf, _, err := s.prepareSearch(ctx, p, q, f)
	if err != nil || sf.none {
		return 0, false, err
	}
	if len(sf.Text) == 0 {
		n, err = s.store.CountTickets(ctx, sf.TicketFilter, MaxTicketCount+1)
		if err != nil {
			return 0, false, fmt.Errorf("count tickets: %w", err)
		}
		if n > MaxTicketCount {
			return MaxTicketCount, true, nil
		}
		return n, false, nil
	}
	cands, err := s.store.SearchCandidates(ctx, sf.TicketFilter, helpdesk.SearchCandidates+1)
	if err != nil {
		return 0, false, fmt.Errorf("count search: %w", err)
	}
	if len(cands) > helpdesk.SearchCandidates {
		return helpdesk.SearchCandidates, true, nil
	}
	return len(cands), false, nil
}

// FacetValue is the count of one value of a facet. For the assignee facet
// Value is a user id or "none", and Name the user's name.
type FacetValue struct {
	Value  string `json:"value"`
	Name   string `json:"name,omitempty"`
	Count  int    `json:"count"`
	Capped bool   `json:"capped"`
}

// Facets counts a search's tickets by status, priority and assignee.
// Scope is "all" when every matching ticket was counted (each count
// bounded at MaxTicketCount), or "newest_matches" when a free-text search
// had more matches than it considers and the counts are of the
// helpdesk.SearchCandidates newest.
type Facets struct {
	Status   []FacetValue `json:"status"`
	Priority []FacetValue `json:"priority"`
	Assignee []FacetValue `json:"assignee"`
	Scope    string       `json:"scope"`
}

// maxAssigneeFacets bounds the assignee facet of a search without free
// text, which takes one bounded count per person.
const maxAssigneeFacets = 50

// SearchFacets counts the tickets of a search by status, priority and
// assignee, for staff. Values with no ticket are left out, except the
// statuses and priorities, which are always listed.
func (s *Service) SearchFacets(ctx context.Context, p *helpdesk.Principal, q string, f helpdesk.TicketFilter) (*Facets, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	f.Sort, f.After, f.Limit = "", nil, 0
	sf, _, err := s.prepareSearch(ctx, p, q, f)
	if err != nil {
		return nil, err
	}
	out := &Facets{Status: []FacetValue{}, Priority: []FacetValue{}, Assignee: []FacetValue{}, Scope: "all"}
	if sf.none {
		for _, st := range helpdesk.Statuses {
			out.Status = append(out.Status, FacetValue{Value: string(st)})
		}
		for _, pr := range helpdesk.Priorities {
			out.Priority = append(out.Priority, FacetValue{Value: string(pr)})
		}
		return out, nil
	}
	if len(sf.Text) > 0 {
		err = s.facetsOfCandidates(ctx, sf.TicketFilter, out)
	} else {
		err = s.facetsByCount(ctx, sf.TicketFilter, out)
	}
	if err != nil {
		return nil, err
	}
	return out, s.nameAssignees(ctx, out)
}

func (s *Service) facetsOfCandidates(ctx context.Context, f helpdesk.TicketFilter, out *Facets) error {
	cands, err := s.store.SearchCandidates(ctx, f, helpdesk.SearchCandidates)
	if err != nil {
		return fmt.Errorf("search facets: %w", err)
	}
	if len(cands) == helpdesk.SearchCandidates {
		out.Scope = "newest_matches"
	}
	status, prio, assignee := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range cands {
		status[string(c.Status)]++
		prio[string(c.Priority)]++
		a := "none"
		if c.AssigneeID != nil {
			a = strconv.FormatInt(*c.AssigneeID, 10)
		}
		assignee[a]++
	}
	for _, st := range helpdesk.Statuses {
		out.Status = append(out.Status, FacetValue{Value: string(st), Count: status[string(st)]})
	}
	for _, pr := range helpdesk.Priorities {
		out.Priority = append(out.Priority, FacetValue{Value: string(pr), Count: prio[string(pr)]})
	}
	for v, n := range assignee {
		out.Assignee = append(out.Assignee, FacetValue{Value: v, Count: n})
	}
	slices.SortFunc(out.Assignee, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	return nil
}

// facetsByCount runs one bounded, index-backed count per facet value.
func (s *Service) facetsByCount(ctx context.Context, f helpdesk.TicketFilter, out *Facets) error {
	count := func(g helpdesk.TicketFilter) (FacetValue, error) {
		n, err := s.store.CountTickets(ctx, g, MaxTicketCount+1)
		if err != nil {
			return FacetValue{}, fmt.Errorf("search facets: %w", err)
		}
		return FacetValue{Count: min(n, MaxTicketCount), Capped: n > MaxTicketCount}, nil
	}
	for _, st := range helpdesk.Statuses {
		fv := FacetValue{}
		if f.Statuses == nil || slices.Contains(f.Statuses, st) {
			g := f
			g.Statuses = []helpdesk.Status{st}
			var err error
			if fv, err = count(g); err != nil {
				return err
			}
		}
		fv.Value = string(st)
		out.Status = append(out.Status, fv)
	}
	for _, pr := range helpdesk.Priorities {
		fv := FacetValue{}
		if f.Priorities == nil || slices.Contains(f.Priorities, pr) {
			g := f
			g.Priorities = []helpdesk.Priority{pr}
			var err error
			if fv, err = count(g); err != nil {
				return err
			}
		}
		fv.Value = string(pr)
		out.Priority = append(out.Priority, fv)
	}
	staff, err := s.store.ListUsers(ctx, helpdesk.UserFilter{Roles: []helpdesk.Role{helpdesk.RoleAgent, helpdesk.RoleAdmin},
		Active: ptrTo(true), Limit: maxAssigneeFacets})
	if err != nil {
		return fmt.Errorf("search facets: %w", err)
	}
	ids := []int64{0}
	for _, u := range staff {
		ids = append(ids, u.ID)
	}
	for _, id := range ids {
		if f.AssigneeIDs != nil || f.Unassigned {
			if (id == 0 && !f.Unassigned) || (id != 0 && !slices.Contains(f.AssigneeIDs, id)) {
				continue
			}
		}
		if slices.Contains(f.NotAssigneeIDs, id) || (id == 0 && f.Assigned) {
			continue
		}
		g := f
		if id == 0 {
			g.AssigneeIDs, g.Unassigned = nil, true
		} else {
			g.AssigneeIDs, g.Unassigned = []int64{id}, false
		}
		fv, err := count(g)
		if err != nil {
			return err
		}
		if fv.Count == 0 {
			continue
		}
		fv.Value = "none"
		if id != 0 {
			fv.Value = strconv.FormatInt(id, 10)
		}
		out.Assignee = append(out.Assignee, fv)
	}
	slices.SortFunc(out.Assignee, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	return nil
}

// nameAssignees fills in the assignee facet's names in one lookup.
func (s *Service) nameAssignees(ctx context.Context, out *Facets) error {
	var ids []int64
	for _, fv := range out.Assignee {
		if id, err := strconv.ParseInt(fv.Value, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	users, err := s.store.ListUsersByIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("search facets: %w", err)
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[strconv.FormatInt(u.ID, 10)] = u.Name
	}
	for i := range out.Assignee {
		out.Assignee[i].Name = names[out.Assignee[i].Value]
	}
	return nil
}

func ptrTo[T any](v T) *T { return &v }
