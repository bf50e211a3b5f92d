package seed

import (
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// body writes message i of the conversation convo ("CAC"...).
func (g *ticketGen) body(cat *category, sc *scenario, f *filler, convo string, i int, st helpdesk.Status) string {
	done := st == helpdesk.StatusSolved || st == helpdesk.StatusClosed
	last := lastIndex(convo, convo[i]) == i
	switch convo[i] {
	case 'C':
		return f.fill(g.customerText(sc, convo, i, done && last))
	case 'A':
		text := pick(g.r, agentFollowUps)
		if i == strings.IndexByte(convo, 'A') {
			text = sc.reply
		} else if done && i == len(convo)-1 {
			text = pick(g.r, agentClosings)
		}
		return f.fill("Hi {customer},\n\n" + text + "\n\nBest,\n{agent}")
	default:
		if g.r.IntN(100) < 60 {
			return f.fill(pick(g.r, cat.notes))
		}
		return f.fill(pick(g.r, agentNotes))
	}
}

func (g *ticketGen) customerText(sc *scenario, convo string, i int, thanks bool) string {
	switch {
	case i == 0:
		text := sc.body
		if g.r.IntN(2) == 0 {
			text += "\n\nThanks,\n{customer}"
		}
		return text
	case thanks:
		return pick(g.r, customerThanks)
	case convo[i-1] == 'C':
		return pick(g.r, customerNudges)
	case g.r.IntN(3) == 0:
		return pick(g.r, customerNudges)
	default:
		return pick(g.r, customerDetails)
	}
}

func lastIndex(s string, c byte) int { return strings.LastIndexByte(s, c) }
