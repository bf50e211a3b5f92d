package seed

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// crew is a team and its members.
type crew struct {
	team    *helpdesk.Team
	members []*helpdesk.User
}

// people is everyone seeded tickets are between.
type people struct {
	staff     []*helpdesk.User // agents who work tickets
	customers []*helpdesk.User // the first one is the demo customer, when present
	crews     map[string]*crew // by team name
}

// draft is one generated ticket and its conversation, not yet stored.
type draft struct {
	ticket   *helpdesk.Ticket
	comments []*helpdesk.Comment
}

// ticketGen makes tickets that read like a real helpdesk's: the status
// depends on the ticket's age, the conversation on the status, and the
// timestamps follow the conversation.
type ticketGen struct {
	r       *rand.Rand
	now     time.Time
	render  *renderer
	people  *people
	weights []int
	// Zipf draws: who asks (the first customers most often), which extra
	// tag a ticket gets, and which project name a description mentions.
	requesters, tagRank, nounRank *rand.Zipf
}

func newTicketGen(r *rand.Rand, now time.Time, render func(string) string, p *people) *ticketGen {
	g := &ticketGen{r: r, now: now, render: newRenderer(render), people: p}
	for _, c := range categories {
		g.weights = append(g.weights, c.weight)
	}
	// v = 20 flattens the head: the busiest customer asks about 1% of the
	// tickets of a large desk rather than a tenth of them.
	g.requesters = rand.NewZipf(r, 1.1, 20, uint64(len(p.customers)-1))
	g.tagRank = rand.NewZipf(r, 1.2, 1, uint64(len(extraTags)-1))
	g.nounRank = rand.NewZipf(r, 1.1, 1, uint64(len(nouns)-1))
	return g
}

// next makes the ticket opened at created.
func (g *ticketGen) next(created time.Time) *draft {
	cat := &categories[weighted(g.r, g.weights)]
	t := &helpdesk.Ticket{
		Status:    g.status(g.now.Sub(created)),
		Priority:  helpdesk.Priorities[weighted(g.r, cat.priority)],
		Type:      pick(g.r, cat.types),
		CreatedAt: created,
	}
	requester := g.requester()
	t.RequesterID = requester.ID
	agent := g.staffFor(t, cat)
	colleague := pick(g.r, g.people.staff)
	f := newFiller(g.r, created, requester.Email, map[string]string{
		"customer": firstName(requester), "agent": firstName(agent), "colleague": firstName(colleague),
		"noun": nouns[g.nounRank.Uint64()],
	})
	sc := pick(g.r, cat.cases)
	t.Subject = f.fill(sc.subject)
	t.Tags = g.tags(cat, &sc, t.Priority, f)

	convo := g.conversation(t.Status)
	times := g.times(created, len(convo))
	d := &draft{ticket: t, comments: make([]*helpdesk.Comment, 0, len(convo))}
	for i, kind := range []byte(convo) {
		c := &helpdesk.Comment{CreatedAt: times[i], AuthorID: agent.ID, Internal: kind == 'N'}
		if kind == 'C' {
			c.AuthorID = requester.ID
		}
		if kind == 'A' && t.FirstResponseAt == nil {
			t.FirstResponseAt = ptr(times[i])
		}
		c.Body, c.BodyHTML = g.render.message(g.body(cat, &sc, convo, i, t.Status), f)
		d.comments = append(d.comments, c)
	}
	g.finish(t, times[len(times)-1])
	return d
}

// status picks a status typical of a ticket of this age: recent tickets
// are mostly new or open, old ones mostly solved or closed.
func (g *ticketGen) status(age time.Duration) helpdesk.Status {
	// Weights for new, open, pending, on_hold, solved, closed.
	var w []int
	switch days := age.Hours() / 24; {
	case days < 1:
		w = []int{50, 30, 12, 3, 5, 0}
	case days < 7:
		w = []int{10, 30, 25, 8, 25, 2}
	case days < 30:
		w = []int{2, 12, 10, 6, 40, 30}
	case days < 90:
		w = []int{0, 3, 2, 2, 13, 80}
	default:
		w = []int{0, 1, 1, 1, 7, 90}
	}
	return helpdesk.Statuses[weighted(g.r, w)]
}

// requester picks a customer, Zipf-distributed: the first customers ask
// often, most customers rarely, as in real life.
func (g *ticketGen) requester() *helpdesk.User {
	return g.people.customers[g.requesters.Uint64()]
}

// staffFor sets the ticket's team and assignee and returns the agent who
// answers it. Most tickets go to the category's team; some wait unsorted.
func (g *ticketGen) staffFor(t *helpdesk.Ticket, cat *category) *helpdesk.User {
	candidates := g.people.staff
	if c := g.people.crews[cat.team]; c != nil && g.r.IntN(100) < 85 {
		t.TeamID = ptr(c.team.ID)
		if len(c.members) > 0 {
			candidates = c.members
		}
	}
	agent := pick(g.r, candidates)
	if t.Status != helpdesk.StatusNew || g.r.IntN(100) < 20 {
		t.AssigneeID = ptr(agent.ID)
	}
	return agent
}

// tags gives a ticket its scenario's tags, often the category's, and now
// and then a vip or escalated mark.
func (g *ticketGen) tags(cat *category, sc *scenario, p helpdesk.Priority, f *filler) []string {
	var tags []string
	for _, t := range sc.tags {
		tags = append(tags, f.fill(t))
	}
	if len(tags) == 0 || g.r.IntN(100) < 70 {
		tags = append(tags, cat.tags...)
	}
	if g.r.IntN(100) < 8 {
		tags = append(tags, "vip")
	}
	if p == helpdesk.PriorityUrgent && g.r.IntN(2) == 0 {
		tags = append(tags, "escalated")
	}
	// Four tickets in ten get an extra tag, one in ten a second one.
	for n := g.r.IntN(10); n < 4; n += 3 {
		tags = append(tags, extraTags[g.tagRank.Uint64()])
	}
	var v helpdesk.Validation
	return helpdesk.NormalizeTags(&v, "tags", tags)
}

// times spreads n messages from created on, with gaps of minutes to days,
// squeezed to fit before now.
func (g *ticketGen) times(created time.Time, n int) []time.Time {
	gaps := make([]float64, n)
	total := 0.0
	for i := 1; i < n; i++ {
		gaps[i] = 2 + g.r.ExpFloat64()*360 // minutes
		total += gaps[i]
	}
	room := g.now.Sub(created).Minutes() * 0.9
	scale := 1.0
	if total > room {
		scale = room / total
	}
	out := make([]time.Time, n)
	at := created
	for i := range out {
		at = at.Add(time.Duration(gaps[i] * scale * float64(time.Minute)))
		out[i] = at.Truncate(time.Microsecond)
	}
	return out
}

// finish sets updated_at and solved_at from the last message.
func (g *ticketGen) finish(t *helpdesk.Ticket, last time.Time) {
	t.UpdatedAt = last
	if t.Status != helpdesk.StatusSolved && t.Status != helpdesk.StatusClosed {
		return
	}
	solved := g.before(last.Add(time.Duration(1+g.r.IntN(30)) * time.Minute))
	t.SolvedAt, t.UpdatedAt = ptr(solved), solved
	if t.Status != helpdesk.StatusClosed {
		return
	}
	// A solved ticket closes a few days later; one solved too recently
	// for that is still just solved.
	if closed := solved.Add(time.Duration(24+g.r.IntN(72)) * time.Hour); closed.After(g.now) {
		t.Status = helpdesk.StatusSolved
	} else {
		t.UpdatedAt = closed
	}
}

// before returns at, or now if at is later.
func (g *ticketGen) before(at time.Time) time.Time {
	if at.After(g.now) {
		return g.now
	}
	return at
}

func firstName(u *helpdesk.User) string {
	name, _, _ := strings.Cut(u.Name, " ")
	return name
}

func ptr[T any](v T) *T { return &v }
