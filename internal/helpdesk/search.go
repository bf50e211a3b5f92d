package helpdesk

import (
	"strings"
	"time"
)

// SortRelevance orders search results best match first. It is valid only
// for a search with free text, and is then the default order.
const SortRelevance TicketSort = "relevance"

// SearchCandidates is how many matching tickets a full-text search
// considers: the newest (highest id) tickets that match its text and
// filters. Relevance ranks only these, so a word found in half a million
// tickets answers as fast as a rare one. Counts of a search stop here too.
const SearchCandidates = 1000

// TextTerm is one free word or "exact phrase" of a search. A ticket matches
// when its text holds every term that is not negated and none that is.
type TextTerm struct {
	Text    string
	Phrase  bool
	Negated bool
}

// TimeRange keeps times t with From <= t < To; a nil end is open.
type TimeRange struct {
	From, To *time.Time
}

// Empty reports whether r keeps every time.
func (r TimeRange) Empty() bool { return r.From == nil && r.To == nil }

// Where a snippet comes from.
const (
	SnippetSubject      = "subject"
	SnippetConversation = "conversation"  // the description and public replies
	SnippetInternal     = "internal_note" // staff only, never for a customer
)

// Snippet is a short excerpt of the text a search matched, split into
// parts so that a client can highlight the hits without parsing markup.
type Snippet struct {
	In    string        `json:"in"`
	Parts []SnippetPart `json:"parts"`
}

// SnippetPart is a run of snippet text; Hit marks a matched word.
type SnippetPart struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// SearchCandidate is one ticket matching a search, with what the service
// needs to order, page and facet the candidates without reading the rows.
// Rank is higher for a better match.
type SearchCandidate struct {
	ID         int64
	Rank       float64
	UpdatedAt  time.Time
	CreatedAt  time.Time
	Priority   Priority
	Status     Status
	AssigneeID *int64
}

// SavedView scopes.
const (
	ViewPersonal = "personal" // only its owner sees it
	ViewTeam     = "team"     // members of TeamID (and admins) see it
	ViewEveryone = "everyone" // every agent and admin sees it
)

// ViewColumns is the allow-list of columns a saved view may show.
var ViewColumns = []string{
	"id", "subject", "status", "priority", "type", "requester", "assignee",
	"team", "tags", "created_at", "updated_at",
}

// SavedView is a named search an agent keeps in the sidebar: a query in
// the search language, an order and the columns to show.
type SavedView struct {
	ID        int64      `json:"id"`
	OwnerID   int64      `json:"owner_id"`
	Name      string     `json:"name"`
	Query     string     `json:"query"`
	Sort      TicketSort `json:"sort"` // "" for the query's own or the default order
	Columns   []string   `json:"columns"`
	Scope     string     `json:"scope"`
	TeamID    *int64     `json:"team_id"`
	Position  int        `json:"position"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Snippet markers: private-use characters a store asks its search engine
// to put around each hit; ParseSnippet turns them into parts.
const (
	SnippetHitStart = "\ue000"
	SnippetHitEnd   = "\ue001"
)

// ParseSnippet cuts snippet text marked with SnippetHitStart/End into
// parts. Runs of white space, newlines included, become one space: a
// snippet is one line.
func ParseSnippet(in, s string) *Snippet {
	s = strings.Join(strings.Fields(s), " ")
	sn := &Snippet{In: in, Parts: []SnippetPart{}}
	for s != "" {
		i := strings.Index(s, SnippetHitStart)
		if i < 0 {
			sn.Parts = append(sn.Parts, SnippetPart{Text: s})
			break
		}
		if i > 0 {
			sn.Parts = append(sn.Parts, SnippetPart{Text: s[:i]})
		}
		s = s[i+len(SnippetHitStart):]
		j := strings.Index(s, SnippetHitEnd)
		if j < 0 {
			j = len(s)
		}
		if j > 0 {
			sn.Parts = append(sn.Parts, SnippetPart{Text: s[:j], Hit: true})
		}
		s = strings.TrimPrefix(s[j:], SnippetHitEnd)
	}
	return sn
}
