package load

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"sync"

	"github.com/triagehq/triage/bench/internal/report"
)

// Fixture is what the scenarios ask for, found on the server before the
// load starts.
type Fixture struct {
	PageSize    int
	PageBytes   int      // size of the first default list page
	IDs         []int64  // tickets the user may see, of any age
	DeepCursors []string // cursors of the default list's pages 21-40
	Tag         string
	Words       map[string]string // role (RoleRare...) to word
	Vocab       []string          // words for new tickets and replies
}

// DiscoverOptions tunes Discover; zero fields take defaults.
type DiscoverOptions struct {
	PageSize int // default 50
	// IDs is how many visible tickets to find by probing random ids;
	// Sample of them are read with their comments for the word sample.
	IDs, Sample int
	// Words are the search words to use, by role (RoleRare...); a role
	// without candidates gets a word chosen from the sample.
	Words map[string]WordChoice
	// Tag overrides the sampled tag.
	Tag string
}

// WordChoice is where a search word comes from and the words to choose
// from. Of several candidates, the one the server counts most matches for
// is used (so a rare word still finds something on a small data set);
// the first one when the server cannot count.
type WordChoice struct {
	Source     string // e.g. flag, seed
	Candidates []string
}

type ticketDoc struct {
	ID      int64    `json:"id"`
	Subject string   `json:"subject"`
	Tags    []string `json:"tags"`
}

type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// Discover finds visible tickets, search words, a tag and deep cursors.
// It returns the fixture, the words as the report shows them, and notes
// on anything that fell short.
func Discover(ctx context.Context, ws []*Worker, o DiscoverOptions) (*Fixture, []report.Word, []string, error) {
	o.PageSize = cmpOr(o.PageSize, 50)
	o.IDs, o.Sample = cmpOr(o.IDs, 2000), cmpOr(o.Sample, 600)
	c := ws[0].C
	f := &Fixture{PageSize: o.PageSize}
	var notes []string

	var first page[ticketDoc]
	n, err := c.Get(ctx, fmt.Sprintf("/tickets?limit=%d", o.PageSize), &first)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("first list page: %w", err)
	}
	f.PageBytes = n
	var newest page[ticketDoc]
	if _, err := c.Get(ctx, "/tickets?limit=1&sort=-id", &newest); err != nil || len(newest.Items) == 0 {
		return nil, nil, nil, fmt.Errorf("newest ticket: %v", errors.Join(err, errors.New("no ticket visible")))
	}
	docs, err := probe(ctx, ws, newest.Items[0].ID, o)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(docs) < 10 {
		return nil, nil, nil, fmt.Errorf("found only %d visible tickets by probing ids", len(docs))
	}
	if len(docs) < o.IDs {
		notes = append(notes, fmt.Sprintf("only %d visible tickets found by probing random ids (wanted %d)", len(docs), o.IDs))
	}
	texts := make([]string, 0, len(docs))
	tags := map[string]int{}
	for _, d := range docs {
		f.IDs = append(f.IDs, d.id)
		if d.text != "" {
			texts = append(texts, d.text)
			for _, t := range d.tags {
				tags[t]++
			}
		}
	}
	df := DocFreq(texts)
	f.Vocab = TopWords(df, 400)
	f.Words, f.Tag = PickWords(df, len(texts)), o.Tag
	if f.Tag == "" {
		f.Tag = pickTag(tags, len(texts))
	}
	words := make([]report.Word, 0, 3)
	for _, role := range []string{RoleRare, Role5, Role50} {
		w := report.Word{Role: role, Word: f.Words[role], Source: "sample", Count: -1}
		if ch := o.Words[role]; len(ch.Candidates) > 0 {
			w.Source = ch.Source
			w.Word, w.Count, w.Capped = choose(ctx, c, ch.Candidates)
		} else if w.Word != "" {
			w.Count, w.Capped = countMatches(ctx, c, w.Word)
		}
		if w.Word == "" {
			notes = append(notes, "no "+role+" search word found in the sample")
			continue
		}
		f.Words[role] = w.Word
		w.SampleDF, w.Sample = float64(df[w.Word])/float64(max(len(texts), 1)), len(texts)
		words = append(words, w)
	}
	f.DeepCursors, err = deepCursors(ctx, c, o.PageSize, 21, 40)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(f.DeepCursors) < 20 {
		notes = append(notes, fmt.Sprintf("the default list has fewer than 40 pages; list-deep uses %d pages", len(f.DeepCursors)))
	}
	return f, words, notes, nil
}

func cmpOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// doc is a probed ticket: its id, and for the sampled ones their text
// (subject and every comment the user may see) and tags.
type doc struct {
	id   int64
	text string
	tags []string
}

// probe asks for random ticket ids up to maxID until it has found o.IDs
// visible ones or tried four times as many, and reads the comments of
// the first o.Sample. Ids are spread over the whole table, so scenarios
// touch old tickets as well as recent ones.
func probe(ctx context.Context, ws []*Worker, maxID int64, o DiscoverOptions) ([]doc, error) {
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tries := make(chan int64)
	go func() {
		defer close(tries)
		seen := map[int64]bool{}
		limit := 4 * o.IDs
		for i := 0; i < limit && int64(len(seen)) < maxID; i++ {
			id := 1 + ws[0].Rand.Int64N(maxID)
			if seen[id] {
				continue
			}
			seen[id] = true
			select {
			case tries <- id:
			case <-pctx.Done():
				return
			}
		}
	}()
	var (
		mu      sync.Mutex
		docs    []doc
		failure error
		wg      sync.WaitGroup
	)
	for _, w := range ws[:min(8, len(ws))] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range tries {
				d, ok, err := probeOne(pctx, w.C, id, func() bool {
					mu.Lock()
					defer mu.Unlock()
					return len(docs) < o.Sample
				})
				mu.Lock()
				switch {
				case err != nil && failure == nil:
					failure = err
					cancel()
				case ok && len(docs) < o.IDs:
					docs = append(docs, d)
					if len(docs) == o.IDs {
						cancel()
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failure != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("probe tickets: %w", failure)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].id < docs[j].id })
	return docs, ctx.Err()
}

// probeOne reads ticket id, and its comments when sample says the sample
// still wants text. A ticket the user may not see (404) is not an error.
func probeOne(ctx context.Context, c *Client, id int64, sample func() bool) (doc, bool, error) {
	if ctx.Err() != nil {
		return doc{}, false, nil
	}
	var t ticketDoc
	_, err := c.Get(ctx, "/tickets/"+strconv.FormatInt(id, 10), &t)
	var se *StatusError
	switch {
	case errors.As(err, &se) && se.Status == 404, ctx.Err() != nil:
		return doc{}, false, nil
	case err != nil:
		return doc{}, false, err
	}
	d := doc{id: id}
	if !sample() {
		return d, true, nil
	}
	var cs page[struct {
		Body string `json:"body"`
	}]
	if _, err := c.Get(ctx, "/tickets/"+strconv.FormatInt(id, 10)+"/comments?limit=100", &cs); err != nil {
		if ctx.Err() != nil {
			return doc{}, false, nil
		}
		return doc{}, false, err
	}
	text := t.Subject
	for _, cm := range cs.Items {
		text += "\n" + cm.Body
	}
	d.text, d.tags = text, t.Tags
	return d, true, nil
}

// pickTag returns the sampled tag whose share of tickets is nearest 10%.
func pickTag(tags map[string]int, n int) string {
	best, bestDist := "", math.Inf(1)
	names := make([]string, 0, len(tags))
	for t := range tags {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		if d := math.Abs(float64(tags[t])/float64(max(n, 1)) - 0.10); d < bestDist {
			best, bestDist = t, d
		}
	}
	return best
}

// countMatches asks the server how many tickets hold word; -1 when it
// cannot say (the search API is not there, or failed).
func countMatches(ctx context.Context, c *Client, word string) (int, bool) {
	var cnt struct {
		Count  int  `json:"count"`
		Capped bool `json:"capped"`
	}
	if _, err := c.Get(ctx, "/tickets/count?q="+url.QueryEscape(word), &cnt); err != nil {
		return -1, false
	}
	return cnt.Count, cnt.Capped
}

// choose returns the candidate with the most matches, and its count; the
// first candidate and -1 when the server cannot count.
func choose(ctx context.Context, c *Client, cands []string) (string, int, bool) {
	best, bestN, bestCapped := cands[0], -1, false
	for _, w := range cands {
		if n, capped := countMatches(ctx, c, w); n > bestN {
			best, bestN, bestCapped = w, n, capped
		}
	}
	return best, bestN, bestCapped
}

// deepCursors walks the default list from page one and returns the
// cursors that fetch pages from..to (fewer if the list is shorter).
func deepCursors(ctx context.Context, c *Client, size, from, to int) ([]string, error) {
	var out []string
	cursor := ""
	for p := 1; p < to; p++ {
		path := fmt.Sprintf("/tickets?limit=%d", size)
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		var pg page[struct{}]
		if _, err := c.Get(ctx, path, &pg); err != nil {
			return nil, fmt.Errorf("walk the list, page %d: %w", p, err)
		}
		if pg.NextCursor == "" {
			break
		}
		cursor = pg.NextCursor
		if p+1 >= from {
			out = append(out, cursor)
		}
	}
	if len(out) == 0 && cursor != "" {
		out = append(out, cursor) // a short list: its last page stands in
	}
	return out, nil
}
