package load

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Words splits text into the lower-case words a full-text index would
// find in it. Chunks that an index may keep whole or split its own way
// (email addresses, URLs, host and file names) are left out, so that a
// word chosen from a sample matches the same tickets on every engine.
func Words(text string) []string {
	var out []string
	for _, chunk := range strings.Fields(text) {
		chunk = strings.TrimFunc(chunk, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if strings.ContainsAny(chunk, "@/\\:._") {
			continue
		}
		for _, w := range strings.FieldsFunc(chunk, func(r rune) bool { return !unicode.IsLetter(r) }) {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// DocFreq counts, for each word, how many of docs hold it at least once.
func DocFreq(docs []string) map[string]int {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range Words(d) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	return df
}

// Search word roles, as the report names them.
const (
	RoleRare = "rare"
	Role5    = "5pct"
	Role50   = "50pct"
)

// PickWords chooses the search words from document frequencies over n
// sampled tickets: the word whose share is nearest 50%, the one nearest
// 5%, and a rare word, one held by the fewest sampled tickets. Only
// words of 4 to 20 letters are candidates; ties go to the alphabetically
// first word, so a sample always gives the same words. A role with no
// candidate is missing from the map.
func PickWords(df map[string]int, n int) map[string]string {
	var cands []string
	for w, c := range df {
		if l := len([]rune(w)); l >= 4 && l <= 20 && c > 0 {
			cands = append(cands, w)
		}
	}
	sort.Strings(cands)
	nearest := func(share float64, exclude ...string) string {
		best, bestDist := "", math.Inf(1)
		for _, w := range cands {
			d := math.Abs(float64(df[w])/float64(n) - share)
			if d < bestDist && !slices.Contains(exclude, w) {
				best, bestDist = w, d
			}
		}
		return best
	}
	out := map[string]string{}
	if n <= 0 || len(cands) == 0 {
		return out
	}
	out[Role50] = nearest(0.5)
	out[Role5] = nearest(0.05, out[Role50])
	out[RoleRare] = nearest(0, out[Role50], out[Role5])
	for k, v := range out {
		if v == "" {
			delete(out, k)
		}
	}
	return out
}

// TopWords returns up to k words of df, most frequent first, to write the
// bodies of new tickets and replies with.
func TopWords(df map[string]int, k int) []string {
	var ws []string
	for w := range df {
		if len(w) >= 3 {
			ws = append(ws, w)
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if df[ws[i]] != df[ws[j]] {
			return df[ws[i]] > df[ws[j]]
		}
		return ws[i] < ws[j]
	})
	return ws[:min(k, len(ws))]
}
