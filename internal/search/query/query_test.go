package query

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func word(v string) Term   { return Term{Values: []string{v}} }
func phrase(v string) Term { return Term{Phrase: true, Values: []string{v}} }
func not(t Term) Term      { t.Negated = true; return t }
func eq(f string, vs ...string) Term {
	return Term{Field: f, Values: vs}
}
func day(y int, m time.Month, d int) *Date { return &Date{Year: y, Month: m, Day: d, Prec: Day} }
func month(y int, m time.Month) *Date      { return &Date{Year: y, Month: m, Day: 1, Prec: Month} }
func year(y int) *Date                     { return &Date{Year: y, Month: 1, Day: 1, Prec: Year} }
func onDate(f string, op Op, d *Date) Term {
	return Term{Field: f, Op: op, Date: d, Values: []string{d.String()}}
}
func age(f string, op Op, n int, unit byte, canon string) Term {
	return Term{Field: f, Op: op, Age: &Age{N: n, Unit: unit}, Values: []string{canon}}
}
func span(f string, from, to *Date, canon string) Term {
	return Term{Field: f, Op: OpRange, From: from, To: to, Values: []string{canon}}
}
func terms(ts ...Term) *Query { return &Query{Terms: ts} }

var good = []struct {
	in   string
	want *Query
}{
	{"", &Query{}},
	{"   \t\n ", &Query{}},
	{"printer", terms(word("printer"))},
	{"printer  jam", terms(word("printer"), word("jam"))},
	{`"paper jam"`, terms(phrase("paper jam"))},
	{`"say \"hi\" \\ now"`, terms(phrase(`say "hi" \ now`))},
	{`"C:\Users"`, terms(phrase(`C:\Users`))},
	{`-"out of office"`, terms(not(phrase("out of office")))},
	{"-refund", terms(not(word("refund")))},
	{"e-mail 2026-01 _:x é:x", terms(word("e-mail"), word("2026-01"), word("_:x"), word("é:x"))},
	{"status:open", terms(eq("status", "open"))},
	{"Status:OPEN,Pending", terms(eq("status", "open", "pending"))},
	{"status:on_hold", terms(eq("status", "on_hold"))},
	{"priority:urgent type:incident", terms(eq("priority", "urgent"), eq("type", "incident"))},
	{"-tag:spam", terms(not(eq("tag", "spam")))},
	{`tag:"two words",VIP`, terms(eq("tag", "two words", "vip"))},
	{`tag:"a,b"`, terms(eq("tag", "a,b"))},
	{"assignee:me", terms(eq("assignee", "me"))},
	{"assignee:NONE", terms(eq("assignee", "none"))},
	{"assignee:Ann@Example.com,42", terms(eq("assignee", "ann@example.com", "42"))},
	{"assignee:007", terms(eq("assignee", "7"))},
	{"requester:bob@example.org", terms(eq("requester", "bob@example.org"))},
	{`team:"Tier 2"`, terms(eq("team", "Tier 2"))},
	{"created>2026-01-01", terms(onDate("created", OpGt, day(2026, 1, 1)))},
	{"created>=2026-01", terms(onDate("created", OpGe, month(2026, 1)))},
	{"solved<2025", terms(onDate("solved", OpLt, year(2025)))},
	{"updated<=2026-02-28", terms(onDate("updated", OpLe, day(2026, 2, 28)))},
	{"created:2024-02-29", terms(onDate("created", OpEq, day(2024, 2, 29)))},
	{"updated<7d", terms(age("updated", OpLt, 7, 'd', "7d"))},
	{"updated>=012H", terms(age("updated", OpGe, 12, 'h', "12h"))},
	{"created>2w solved<3m created<1y", terms(age("created", OpGt, 2, 'w', "2w"),
		age("solved", OpLt, 3, 'm', "3m"), age("created", OpLt, 1, 'y', "1y"))},
	{"created:2026-01..2026-03", terms(span("created", month(2026, 1), month(2026, 3), "2026-01..2026-03"))},
	{"created:2026-01-15..2026-01", terms(span("created", day(2026, 1, 15), month(2026, 1), "2026-01-15..2026-01"))},
	{"created:2026-01..", terms(span("created", month(2026, 1), nil, "2026-01.."))},
	{"-solved:..2026-03-31", terms(not(span("solved", nil, day(2026, 3, 31), "..2026-03-31")))},
	{"sort:-updated", &Query{Sort: &Sort{Field: "updated", Desc: true}}},
	{"SORT:Priority jam", &Query{Terms: []Term{word("jam")}, Sort: &Sort{Field: "priority"}}},
	{`printer "paper jam" status:open,pending -tag:spam assignee:me created:2026-01..2026-03 updated<7d sort:created`,
		&Query{Terms: []Term{word("printer"), phrase("paper jam"), eq("status", "open", "pending"),
			not(eq("tag", "spam")), eq("assignee", "me"),
			span("created", month(2026, 1), month(2026, 3), "2026-01..2026-03"),
			age("updated", OpLt, 7, 'd', "7d")}, Sort: &Sort{Field: "created"}}},
}

func TestParseGood(t *testing.T) {
	for _, tc := range good {
		got, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q)\n got %#v\nwant %#v", tc.in, got, tc.want)
		}
	}
}

var bad = []struct {
	in   string
	pos  int
	frag string
}{
	{"colour:red", 0, `unknown field "colour"; use one of status, priority, type, assignee, requester, team, tag, created, updated, solved, sort`},
	{"printer jam -Colour:red", 13, `unknown field "Colour"`},
	{"http://x", 0, `unknown field "http"`},
	{`"paper jam`, 0, "missing closing quote"},
	{`jam tag:"vip`, 8, "missing closing quote"},
	{`"paper"jam`, 7, "space after the closing quote"},
	{`tag:"a"b`, 7, "expected ','"},
	{`pa"per`, 2, "unexpected quote"},
	{`""`, 0, "empty phrase"},
	{`tag:" "`, 4, "empty value"},
	{"- jam", 0, "nothing to negate"},
	{"jam -", 4, "nothing to negate"},
	{"--jam", 1, "single '-'"},
	{"status:", 7, "status needs a value"},
	{"status:open,", 12, "missing value after ','"},
	{"status:opened", 7, `unknown status "opened"; use one of new, open, pending, on_hold, solved, closed`},
	{"status:open,wat", 12, `unknown status "wat"`},
	{"priority:p1", 9, "use one of low, normal, high, urgent"},
	{"type:bug", 5, "use one of question, incident, problem, task"},
	{"assignee:bob", 9, "assignee must be me, none, an email or a user id"},
	{"requester:none", 10, "requester must be me, an email or a user id"},
	{"assignee:0", 9, "not a valid user id"},
	{"assignee:99999999999999999999", 9, "not a valid user id"},
	{"priority>high", 8, "priority cannot use >"},
	{"created:2026-13", 8, "month must be from 01 to 12"},
	{"created>2026-02-30", 8, "no such day"},
	{"created>26-01-01", 8, "bad date"},
	{"created:0000", 8, "year must be"},
	{"updated:7d", 8, "needs < or >"},
	{"updated<0d", 8, "between 1 and"},
	{"updated<100000d", 8, "between 1 and"},
	{"updated<7x", 8, "bad date"},
	{"created:..", 8, "a range needs"},
	{"created:2026-03..2026-01", 8, "range ends before it starts"},
	{"created:2026-01..2026-1", 17, "bad date"},
	{"created:2026-01,2026-02", 16, "created takes one value"},
	{"sort:size", 5, `unknown sort "size"`},
	{"sort:updated sort:created", 13, "only one sort term"},
	{"-sort:updated", 0, "sort cannot be negated"},
	{"sort>updated", 4, "sort takes ':'"},
	{"sort:updated,created", 13, "sort takes one value"},
	{"jam \xff", 4, "not valid UTF-8"},
	{strings.Repeat("a", MaxLen+1), MaxLen, "longer than 1000 bytes"},
	{strings.Repeat("a ", MaxTerms) + "b", 2 * MaxTerms, "more than 50 terms"},
}

func TestParseBad(t *testing.T) {
	for _, tc := range bad {
		q, err := Parse(tc.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%.40q) = %v, %v; want *Error", tc.in, q, err)
			continue
		}
		if e.Pos != tc.pos || !strings.Contains(e.Msg, tc.frag) {
			t.Errorf("Parse(%.40q) error %q; want at %d: ...%s...", tc.in, e.Error(), tc.pos, tc.frag)
		}
	}
}

func TestErrorString(t *testing.T) {
	_, err := Parse("printer jam -colour:red")
	want := `at 13: unknown field "colour"; use one of status, priority, type, assignee, requester, team, tag, created, updated, solved, sort`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestMaxTermsAccepted(t *testing.T) {
	if _, err := Parse(strings.Repeat("a ", MaxTerms)); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	canon := map[string]string{
		`Status:OPEN,Pending  -TAG:"Two Words" sort:-Updated jam`: `status:open,pending -tag:"two words" jam sort:-updated`,
		`"say \"hi\" \\ now" C\x`:                                 `"say \"hi\" \\ now" C\x`,
		`assignee:007 updated>=012H created:2026-01..`:            `assignee:7 updated>=12h created:2026-01..`,
		`tag:"a,b",c`: `tag:"a,b",c`,
	}
	for in, want := range canon {
		q, err := Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if got := q.String(); got != want {
			t.Errorf("Parse(%q).String() = %q; want %q", in, got, want)
		}
	}
	for _, tc := range good {
		checkRoundTrip(t, tc.in)
	}
}

func checkRoundTrip(t *testing.T, in string) {
	t.Helper()
	q, err := Parse(in)
	if err != nil {
		return
	}
	s := q.String()
	q2, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q) = %q, which does not parse: %v", in, s, err)
	}
	if !reflect.DeepEqual(q, q2) {
		t.Fatalf("round trip of %q via %q:\n got %#v\nwant %#v", in, s, q2, q)
	}
	if s2 := q2.String(); s2 != s {
		t.Fatalf("String not stable for %q: %q then %q", in, s, s2)
	}
}

func TestInterval(t *testing.T) {
	loc := time.FixedZone("X", 2*3600)
	now := time.Date(2026, 3, 31, 12, 0, 0, 0, loc)
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	var zero time.Time
	cases := []struct {
		in       string
		from, to time.Time
	}{
		{"created:2026-01", at(2026, 1, 1), at(2026, 2, 1)},
		{"created:2026-01..2026-03", at(2026, 1, 1), at(2026, 4, 1)},
		{"created:..2026", zero, at(2027, 1, 1)},
		{"created>2026-01-01", at(2026, 1, 2), zero},
		{"created>=2026-01-01", at(2026, 1, 1), zero},
		{"created<2026-01-01", zero, at(2026, 1, 1)},
		{"created<=2026-01-01", zero, at(2026, 1, 2)},
		{"updated<7d", time.Date(2026, 3, 24, 12, 0, 0, 0, loc), zero},
		{"updated>1m", zero, time.Date(2026, 3, 3, 12, 0, 0, 0, loc)}, // Feb 31 normalizes
		{"updated>2h", zero, now.Add(-2 * time.Hour)},
		{"status:open", zero, zero},
	}
	for _, tc := range cases {
		q, err := Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		from, to := q.Terms[0].Interval(now, loc)
		if !from.Equal(tc.from) || !to.Equal(tc.to) {
			t.Errorf("%s: got [%v, %v); want [%v, %v)", tc.in, from, to, tc.from, tc.to)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range good {
		f.Add(tc.in)
	}
	for _, tc := range bad {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, err := Parse(in)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse(%q) error %T, want *Error", in, err)
			}
			if e.Pos < 0 || e.Pos > len(in) {
				t.Fatalf("Parse(%q) error position %d outside [0, %d]", in, e.Pos, len(in))
			}
			return
		}
		checkRoundTrip(t, in)
	})
}
