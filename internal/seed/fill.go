package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// filler fills the placeholders of one ticket's texts. Each placeholder
// keeps its first value for the whole ticket, so the order number in the
// subject is the one in the body and in the replies.
type filler struct {
	r      *rand.Rand
	vals   map[string]string
	opened time.Time
}

// newFiller returns a filler for a ticket opened at opened by the customer
// with this email; names holds the people's placeholders ({customer},
// {agent}, {colleague}).
func newFiller(r *rand.Rand, opened time.Time, email string, names map[string]string) *filler {
	names["email"] = email
	return &filler{r: r, opened: opened, vals: names}
}

// fill replaces every {key} in s. An unknown key is left as it is, which a
// test catches.
func (f *filler) fill(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		key := s[i+1 : i+j]
		b.WriteString(s[:i])
		if v, ok := f.value(key); ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

func (f *filler) value(key string) (string, bool) {
	if v, ok := f.vals[key]; ok {
		return v, true
	}
	v, ok := f.generate(key)
	if ok {
		f.vals[key] = v
	}
	return v, ok
}

func (f *filler) generate(key string) (string, bool) {
	switch key {
	case "product":
		return pick(f.r, products), true
	case "browser":
		return pick(f.r, browsers), true
	case "os":
		return pick(f.r, systems), true
	case "plan":
		return pick(f.r, plans), true
	case "carrier":
		return pick(f.r, carriers), true
	case "city":
		return pick(f.r, cities), true
	case "integration":
		return pick(f.r, integrations), true
	case "order":
		return fmt.Sprintf("#%d", 100000+f.r.IntN(900000)), true
	case "invoice":
		return fmt.Sprintf("INV-%d-%05d", f.opened.Year(), f.r.IntN(100000)), true
	case "amount":
		return fmt.Sprintf("%s%d.%02d", pick(f.r, []string{"$", "€", "£"}), 9+f.r.IntN(990), f.r.IntN(100)), true
	case "date":
		return f.opened.AddDate(0, 0, -f.r.IntN(10)).Format("January 2"), true
	case "minor":
		return fmt.Sprint(f.r.IntN(20)), true
	}
	return "", false
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// weighted returns an index into weights, chosen in proportion to them.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
