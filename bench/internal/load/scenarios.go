package load

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/triagehq/triage/bench/internal/report"
)

// Scenario is a named operation to run under load.
type Scenario struct {
	Name string
	Op   Op
}

// Scenarios returns every scenario of report.Catalog that f can drive, in
// the catalog's order, and notes on those it cannot.
func Scenarios(f *Fixture) ([]Scenario, []string) {
	list := func(query string) Op {
		path := fmt.Sprintf("/tickets?limit=%d%s", f.PageSize, query)
		return func(ctx context.Context, w *Worker) error {
			_, err := w.C.Get(ctx, path, nil)
			return err
		}
	}
	search := func(role string) Op {
		return list("&q=" + url.QueryEscape(f.Words[role]))
	}
	ops := map[string]Op{
		report.List:         list(""),
		report.ListStatus:   list("&status=open"),
		report.ListAssignee: list("&assignee=me"),
		report.ListTag:      list("&tag=" + url.QueryEscape(f.Tag)),
		report.ListDeep:     f.deep,
		report.Open:         f.open,
		report.SearchRare:   search(RoleRare),
		report.Search5:      search(Role5),
		report.Search50:     search(Role50),
		report.Create:       f.create,
		report.Reply:        f.reply,
	}
	ops[report.Mixed] = mixed([]weighted{
		{30, ops[report.List]},
		{5, ops[report.ListStatus]},
		{5, ops[report.ListAssignee]},
		{5, ops[report.ListTag]},
		{25, ops[report.Open]},
		{4, ops[report.SearchRare]},
		{4, ops[report.Search5]},
		{2, ops[report.Search50]},
		{12, ops[report.Reply]},
		{5, ops[report.Create]},
		{3, countOpen(f)},
	})
	var notes []string
	skip := map[string]string{}
	if len(f.DeepCursors) == 0 {
		skip[report.ListDeep] = "the default list has a single page"
	}
	if f.Tag == "" {
		skip[report.ListTag] = "no tag in the sample"
	}
	for role, name := range map[string]string{RoleRare: report.SearchRare, Role5: report.Search5, Role50: report.Search50} {
		if f.Words[role] == "" {
			skip[name] = "no " + role + " word"
		}
	}
	var out []Scenario
	for _, s := range report.Catalog {
		if why, ok := skip[s.Name]; ok {
			notes = append(notes, s.Name+" not run: "+why)
			continue
		}
		out = append(out, Scenario{Name: s.Name, Op: ops[s.Name]})
	}
	return out, notes
}

func (f *Fixture) id(w *Worker) string {
	return strconv.FormatInt(f.IDs[w.Rand.IntN(len(f.IDs))], 10)
}

func (f *Fixture) deep(ctx context.Context, w *Worker) error {
	cur := f.DeepCursors[w.Rand.IntN(len(f.DeepCursors))]
	_, err := w.C.Get(ctx, fmt.Sprintf("/tickets?limit=%d&cursor=%s", f.PageSize, url.QueryEscape(cur)), nil)
	return err
}

// open is what the web app does to show a ticket: the ticket, then its
// conversation.
func (f *Fixture) open(ctx context.Context, w *Worker) error {
	id := f.id(w)
	if _, err := w.C.Get(ctx, "/tickets/"+id, nil); err != nil {
		return err
	}
	_, err := w.C.Get(ctx, "/tickets/"+id+"/comments?limit=100", nil)
	return err
}

func (f *Fixture) create(ctx context.Context, w *Worker) error {
	body := map[string]string{"subject": f.text(w, 6), "body": f.text(w, 40)}
	_, err := w.C.Post(ctx, "/tickets", body, nil)
	return err
}

func (f *Fixture) reply(ctx context.Context, w *Worker) error {
	_, err := w.C.Post(ctx, "/tickets/"+f.id(w)+"/comments", map[string]string{"body": f.text(w, 30)}, nil)
	return err
}

// text returns n words of the sampled vocabulary.
func (f *Fixture) text(w *Worker, n int) string {
	if len(f.Vocab) == 0 {
		return strings.Repeat("benchmark ", n)
	}
	ws := make([]string, n)
	for i := range ws {
		ws[i] = f.Vocab[w.Rand.IntN(len(f.Vocab))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// countOpen is the sidebar's count of open tickets.
func countOpen(f *Fixture) Op {
	return func(ctx context.Context, w *Worker) error {
		_, err := w.C.Get(ctx, "/tickets/count?status=open", nil)
		return err
	}
}

type weighted struct {
	weight int
	op     Op
}

// mixed picks one of ops at random, in proportion to their weights.
func mixed(ops []weighted) Op {
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	return func(ctx context.Context, w *Worker) error {
		n := w.Rand.IntN(total)
		for _, o := range ops {
			if n < o.weight {
				return o.op(ctx, w)
			}
			n -= o.weight
		}
		panic("unreachable")
	}
}
