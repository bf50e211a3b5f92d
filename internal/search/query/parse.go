package query

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Parse parses a search query. An empty query has no terms.
func Parse(s string) (*Query, error) {
	if len(s) > MaxLen {
		return nil, errorf(MaxLen, "query is longer than %d bytes", MaxLen)
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return nil, errorf(i, "query is not valid UTF-8")
			}
		}
	}
	p := &parser{s: s}
	q := &Query{}
	for n := 0; ; n++ {
		p.skipSpace()
		if p.i >= len(s) {
			return q, nil
		}
		if n == MaxTerms {
			return nil, errorf(p.i, "query has more than %d terms", MaxTerms)
		}
		if err := p.term(q); err != nil {
			return nil, err
		}
	}
}

type parser struct {
	s string
	i int
}

// spaceAt returns the size of the white-space rune at i, or 0.
func (p *parser) spaceAt(i int) int {
	r, size := utf8.DecodeRuneInString(p.s[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// endAt reports whether a term ends at i.
func (p *parser) endAt(i int) bool { return i >= len(p.s) || p.spaceAt(i) > 0 }

func (p *parser) skipSpace() {
	for p.i < len(p.s) {
		n := p.spaceAt(p.i)
		if n == 0 {
			return
		}
		p.i += n
	}
}

func (p *parser) term(q *Query) error {
	start := p.i
	var t Term
	if p.s[p.i] == '-' {
		t.Negated = true
		p.i++
		if p.endAt(p.i) {
			return errorf(start, "nothing to negate after '-'")
		}
		if p.s[p.i] == '-' {
			return errorf(p.i, "use a single '-' to negate")
		}
	}
	if p.s[p.i] == '"' {
		at := p.i
		v, err := p.quoted()
		if err != nil {
			return err
		}
		if !p.endAt(p.i) {
			return errorf(p.i, "expected a space after the closing quote")
		}
		if strings.TrimSpace(v) == "" {
			return errorf(at, "empty phrase")
		}
		t.Phrase, t.Values = true, []string{v}
		q.Terms = append(q.Terms, t)
		return nil
	}
	j := p.i
	for j < len(p.s) && isLetter(p.s[j]) {
		j++
	}
	if j > p.i && j < len(p.s) && (p.s[j] == ':' || p.s[j] == '<' || p.s[j] == '>') {
		return p.field(q, t, start, j)
	}
	wordAt := p.i
	for !p.endAt(p.i) {
		if p.s[p.i] == '"' {
			return errorf(p.i, "unexpected quote; put the whole phrase in quotes")
		}
		p.i++
	}
	t.Values = []string{p.s[wordAt:p.i]}
	q.Terms = append(q.Terms, t)
	return nil
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// quoted reads a double-quoted string at p.i. Backslash escapes a quote or
// a backslash; any other backslash stands for itself.
func (p *parser) quoted() (string, error) {
	open := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s) && (p.s[p.i+1] == '"' || p.s[p.i+1] == '\\'):
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", errorf(open, "missing closing quote")
}

type item struct {
	v      string
	pos    int
	quoted bool
}

// values reads a comma-separated list of bare or quoted values.
func (p *parser) values(field string) ([]item, error) {
	var items []item
	for {
		it := item{pos: p.i}
		switch {
		case p.endAt(p.i) || p.s[p.i] == ',':
			if len(items) == 0 {
				return nil, errorf(p.i, "%s needs a value", field)
			}
			return nil, errorf(p.i, "missing value after ','")
		case p.s[p.i] == '"':
			v, err := p.quoted()
			if err != nil {
				return nil, err
			}
			if strings.TrimSpace(v) == "" {
				return nil, errorf(it.pos, "empty value")
			}
			it.v, it.quoted = v, true
		default:
			for !p.endAt(p.i) && p.s[p.i] != ',' {
				if p.s[p.i] == '"' {
					return nil, errorf(p.i, "unexpected quote; quote the whole value")
				}
				p.i++
			}
			it.v = p.s[it.pos:p.i]
		}
		items = append(items, it)
		if p.endAt(p.i) {
			return items, nil
		}
		if p.s[p.i] != ',' {
			return nil, errorf(p.i, "expected ',' or a space after the closing quote")
		}
		p.i++
	}
}

func (p *parser) field(q *Query, t Term, start, nameEnd int) error {
	nameAt := p.i
	name := strings.ToLower(p.s[nameAt:nameEnd])
	if !contains(Fields, name) {
		return errorf(nameAt, "unknown field %q; use one of %s", p.s[nameAt:nameEnd], strings.Join(Fields, ", "))
	}
	opAt := nameEnd
	p.i = nameEnd + 1
	switch p.s[opAt] {
	case '<':
		t.Op = OpLt
		if p.i < len(p.s) && p.s[p.i] == '=' {
			t.Op = OpLe
			p.i++
		}
	case '>':
		t.Op = OpGt
		if p.i < len(p.s) && p.s[p.i] == '=' {
			t.Op = OpGe
			p.i++
		}
	}
	items, err := p.values(name)
	if err != nil {
		return err
	}
	if name == FieldSort {
		return p.sort(q, t, start, opAt, items)
	}
	t.Field = name
	if IsDateField(name) {
		if len(items) > 1 {
			return errorf(items[1].pos, "%s takes one value", name)
		}
		if err := dateTerm(&t, items[0]); err != nil {
			return err
		}
		q.Terms = append(q.Terms, t)
		return nil
	}
	if t.Op != OpEq {
		return errorf(opAt, "%s cannot use %s; only created, updated and solved compare", name, t.Op)
	}
	for _, it := range items {
		v, msg := value(name, it.v)
		if msg != "" {
			return errorf(it.pos, "%s", msg)
		}
		t.Values = append(t.Values, v)
	}
	q.Terms = append(q.Terms, t)
	return nil
}

func (p *parser) sort(q *Query, t Term, start, opAt int, items []item) error {
	switch {
	case t.Negated:
		return errorf(start, "sort cannot be negated; use sort:-field for descending")
	case t.Op != OpEq:
		return errorf(opAt, "sort takes ':'")
	case len(items) > 1:
		return errorf(items[1].pos, "sort takes one value")
	case q.Sort != nil:
		return errorf(start, "only one sort term is allowed")
	}
	v := strings.ToLower(items[0].v)
	s := &Sort{Field: strings.TrimPrefix(v, "-"), Desc: strings.HasPrefix(v, "-")}
	if !contains(SortKeys, s.Field) {
		return errorf(items[0].pos, "unknown sort %q; use one of updated, -updated, created, -created, priority, -priority", items[0].v)
	}
	q.Sort = s
	return nil
}

// value checks and canonicalizes one value of a field that is not a date;
// it returns a message for a bad value.
func value(field, v string) (string, string) {
	switch field {
	case FieldStatus:
		return enum(field, v, helpdesk.Statuses)
	case FieldPriority:
		return enum(field, v, helpdesk.Priorities)
	case FieldType:
		return enum(field, v, helpdesk.TicketTypes)
	case FieldAssignee:
		return person(field, v, true)
	case FieldRequester:
		return person(field, v, false)
	case FieldTag:
		return strings.ToLower(v), ""
	}
	return v, ""
}

func enum[T ~string](field, v string, allowed []T) (string, string) {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	if lv := strings.ToLower(v); contains(names, lv) {
		return lv, ""
	}
	return "", "unknown " + field + " " + strconv.Quote(v) + "; use one of " + strings.Join(names, ", ")
}

// person accepts me, none (if allowed), a user id or an email address.
func person(field, v string, none bool) (string, string) {
	lv := strings.ToLower(v)
	switch {
	case lv == "me" || (none && lv == "none"):
		return lv, ""
	case allDigits(v):
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return "", field + " id " + strconv.Quote(v) + " is not a valid user id"
		}
		return strconv.FormatInt(n, 10), ""
	case strings.Count(v, "@") == 1 && !strings.HasPrefix(v, "@") && !strings.HasSuffix(v, "@") &&
		!strings.ContainsFunc(v, unicode.IsSpace):
		return lv, ""
	}
	if none {
		return "", field + " must be me, none, an email or a user id, not " + strconv.Quote(v)
	}
	return "", field + " must be me, an email or a user id, not " + strconv.Quote(v)
}

// dateTerm fills in a date field's value: a date, a relative age or a range.
func dateTerm(t *Term, it item) error {
	at := it.pos
	if it.quoted {
		at++
	}
	if t.Op == OpEq {
		if lo, hi, ok := strings.Cut(it.v, ".."); ok {
			return rangeTerm(t, lo, hi, at)
		}
		if _, ok := parseAge(it.v); ok {
			return errorf(it.pos, "a relative age needs < or >, as in %s<%s", t.Field, it.v)
		}
	} else if a, ok := parseAge(it.v); ok {
		if a.N < 1 || a.N > maxAge {
			return errorf(it.pos, "age %q must be between 1 and %d", it.v, maxAge)
		}
		t.Age = &a
		t.Values = []string{a.String()}
		return nil
	}
	d, msg := parseDate(it.v)
	if msg != "" {
		return errorf(it.pos, "%s", msg)
	}
	t.Date = &d
	t.Values = []string{d.String()}
	return nil
}

func rangeTerm(t *Term, lo, hi string, at int) error {
	t.Op = OpRange
	if lo == "" && hi == "" {
		return errorf(at, "a range needs a start, an end or both")
	}
	if lo != "" {
		d, msg := parseDate(lo)
		if msg != "" {
			return errorf(at, "%s", msg)
		}
		t.From = &d
	}
	if hi != "" {
		d, msg := parseDate(hi)
		if msg != "" {
			return errorf(at+len(lo)+2, "%s", msg)
		}
		t.To = &d
	}
	if t.From != nil && t.To != nil && !t.From.Start(time.UTC).Before(t.To.End(time.UTC)) {
		return errorf(at, "range ends before it starts")
	}
	var b strings.Builder
	if t.From != nil {
		b.WriteString(t.From.String())
	}
	b.WriteString("..")
	if t.To != nil {
		b.WriteString(t.To.String())
	}
	t.Values = []string{b.String()}
	return nil
}

// parseAge reads digits followed by one unit letter. ok is false if v does
// not have that shape; the caller checks the range of N.
func parseAge(v string) (Age, bool) {
	if len(v) < 2 || !allDigits(v[:len(v)-1]) {
		return Age{}, false
	}
	unit := v[len(v)-1] | 0x20
	if !strings.ContainsRune("hdwmy", rune(unit)) || !isLetter(v[len(v)-1]) {
		return Age{}, false
	}
	n, err := strconv.Atoi(v[:len(v)-1])
	if err != nil {
		n = maxAge + 1
	}
	return Age{N: n, Unit: unit}, true
}

const dateHelp = "; use YYYY, YYYY-MM, YYYY-MM-DD or an age such as 7d"

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD; it returns a message for a
// bad date.
func parseDate(v string) (Date, string) {
	bad := "bad date " + strconv.Quote(v) + dateHelp
	parts := strings.Split(v, "-")
	if len(parts) > 3 || len(parts[0]) != 4 || !allDigits(parts[0]) {
		return Date{}, bad
	}
	d := Date{Month: 1, Day: 1, Prec: Precision(len(parts))}
	d.Year, _ = strconv.Atoi(parts[0])
	if d.Year < 1 {
		return Date{}, "year must be from 0001 to 9999"
	}
	if len(parts) > 1 {
		if len(parts[1]) != 2 || !allDigits(parts[1]) {
			return Date{}, bad
		}
		m, _ := strconv.Atoi(parts[1])
		if m < 1 || m > 12 {
			return Date{}, "month must be from 01 to 12 in " + strconv.Quote(v)
		}
		d.Month = time.Month(m)
	}
	if len(parts) > 2 {
		if len(parts[2]) != 2 || !allDigits(parts[2]) {
			return Date{}, bad
		}
		d.Day, _ = strconv.Atoi(parts[2])
		last := time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return Date{}, "no such day " + strconv.Quote(v)
		}
	}
	return d, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
