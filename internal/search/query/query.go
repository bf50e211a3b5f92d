// Package query parses the agent search language into a Query.
//
// A query is a list of terms separated by white space:
//
//	printer "paper jam" status:open,pending -tag:spam assignee:me
//	created:2026-01..2026-03 updated<7d sort:-updated
//
// Free words and "exact phrases" match ticket text; field:value terms filter.
// A leading '-' negates a term; commas give several values, any of which may
// match. Date fields (created, updated, solved) also take comparisons
// (created>=2026-01-01), relative ages (updated<7d: updated less than seven
// days ago) and ranges (created:2026-01..2026-03, either end open).
package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Limits on the input.
const (
	MaxLen   = 1000 // bytes
	MaxTerms = 50   // including the sort term
	maxAge   = 99999
)

// Field names.
const (
	FieldStatus    = "status"
	FieldPriority  = "priority"
	FieldType      = "type"
	FieldAssignee  = "assignee"
	FieldRequester = "requester"
	FieldTeam      = "team"
	FieldTag       = "tag"
	FieldCreated   = "created"
	FieldUpdated   = "updated"
	FieldSolved    = "solved"
	FieldSort      = "sort"
)

// Fields lists every field name in the order errors suggest them.
var Fields = []string{
	FieldStatus, FieldPriority, FieldType, FieldAssignee, FieldRequester,
	FieldTeam, FieldTag, FieldCreated, FieldUpdated, FieldSolved, FieldSort,
}

// SortKeys lists the fields a query may sort by.
var SortKeys = []string{FieldUpdated, FieldCreated, FieldPriority}

// IsDateField reports whether field takes dates, ages and ranges.
func IsDateField(field string) bool {
	return field == FieldCreated || field == FieldUpdated || field == FieldSolved
}

// Op is how a field term compares its value.
type Op int

// The operators. OpEq is also used for free-text terms.
const (
	OpEq    Op = iota // field:value
	OpLt              // field<value
	OpLe              // field<=value
	OpGt              // field>value
	OpGe              // field>=value
	OpRange           // field:from..to
)

// String returns the operator as written in a query.
func (o Op) String() string {
	switch o {
	case OpLt:
		return "<"
	case OpLe:
		return "<="
	case OpGt:
		return ">"
	case OpGe:
		return ">="
	default:
		return ":"
	}
}

// Query is a parsed search.
type Query struct {
	Terms []Term
	Sort  *Sort // nil: the default order
}

// Sort is the order asked for with sort:.
type Sort struct {
	Field string // one of SortKeys
	Desc  bool
}

// Term is one free word, phrase or field filter.
type Term struct {
	Field   string // "" for free text
	Op      Op
	Negated bool
	Phrase  bool     // free text written in quotes
	Values  []string // canonical values; any may match
	// Date fields only. OpEq and comparisons with a date set Date;
	// comparisons with a relative age set Age; OpRange sets From and/or To.
	Date     *Date
	Age      *Age
	From, To *Date
}

// Error is a syntax or validation problem at byte offset Pos of the input.
type Error struct {
	Pos int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("at %d: %s", e.Pos, e.Msg) }

func errorf(pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// String prints q in canonical form; Parse(q.String()) gives q back.
func (q *Query) String() string {
	parts := make([]string, 0, len(q.Terms)+1)
	for _, t := range q.Terms {
		parts = append(parts, t.String())
	}
	if q.Sort != nil {
		parts = append(parts, q.Sort.String())
	}
	return strings.Join(parts, " ")
}

func (s *Sort) String() string {
	if s.Desc {
		return "sort:-" + s.Field
	}
	return "sort:" + s.Field
}

// String prints t in canonical form.
func (t Term) String() string {
	var b strings.Builder
	if t.Negated {
		b.WriteByte('-')
	}
	if t.Field == "" {
		if len(t.Values) > 0 {
			if t.Phrase {
				b.WriteString(quote(t.Values[0]))
			} else {
				b.WriteString(t.Values[0])
			}
		}
		return b.String()
	}
	b.WriteString(t.Field)
	b.WriteString(t.Op.String())
	for i, v := range t.Values {
		if i > 0 {
			b.WriteByte(',')
		}
		if bare(v) {
			b.WriteString(v)
		} else {
			b.WriteString(quote(v))
		}
	}
	return b.String()
}

func bare(v string) bool {
	return v != "" && !strings.ContainsFunc(v, func(r rune) bool {
		return r == '"' || r == ',' || unicode.IsSpace(r)
	})
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Precision says how much of a Date was given.
type Precision int

// The precisions of a Date.
const (
	Year Precision = iota + 1
	Month
	Day
)

// Date is a calendar year, month or day, without a time zone.
type Date struct {
	Year  int
	Month time.Month // 1 when Prec is Year
	Day   int        // 1 when Prec is Year or Month
	Prec  Precision
}

func (d Date) String() string {
	switch d.Prec {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
}

// Start is the first instant of d in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// End is the first instant after d in loc.
func (d Date) End(loc *time.Location) time.Time {
	switch d.Prec {
	case Year:
		return d.Start(loc).AddDate(1, 0, 0)
	case Month:
		return d.Start(loc).AddDate(0, 1, 0)
	default:
		return d.Start(loc).AddDate(0, 0, 1)
	}
}

// Age is a relative age such as 7d: N units before now.
type Age struct {
	N    int
	Unit byte // 'h', 'd', 'w', 'm' (months) or 'y'
}

func (a Age) String() string { return strconv.Itoa(a.N) + string(a.Unit) }

// Since is the instant a ago from now, counting calendar days, months and
// years in loc.
func (a Age) Since(now time.Time, loc *time.Location) time.Time {
	now = now.In(loc)
	switch a.Unit {
	case 'h':
		return now.Add(-time.Duration(a.N) * time.Hour)
	case 'd':
		return now.AddDate(0, 0, -a.N)
	case 'w':
		return now.AddDate(0, 0, -7*a.N)
	case 'm':
		return now.AddDate(0, -a.N, 0)
	default:
		return now.AddDate(-a.N, 0, 0)
	}
}

// Interval resolves a date term to the half-open span [from, to) it matches;
// a zero time is an open end. Ages compare how long ago: updated<7d is
// [now-7d, ∞). It returns two zero times for terms that are not about dates.
func (t Term) Interval(now time.Time, loc *time.Location) (from, to time.Time) {
	switch {
	case t.Op == OpRange:
		if t.From != nil {
			from = t.From.Start(loc)
		}
		if t.To != nil {
			to = t.To.End(loc)
		}
	case t.Age != nil:
		at := t.Age.Since(now, loc)
		if t.Op == OpLt || t.Op == OpLe {
			return at, time.Time{}
		}
		return time.Time{}, at
	case t.Date != nil:
		switch t.Op {
		case OpEq:
			return t.Date.Start(loc), t.Date.End(loc)
		case OpLt:
			return time.Time{}, t.Date.Start(loc)
		case OpLe:
			return time.Time{}, t.Date.End(loc)
		case OpGt:
			return t.Date.End(loc), time.Time{}
		case OpGe:
			return t.Date.Start(loc), time.Time{}
		}
	}
	return from, to
}
