package seed

import (
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// maxReplies is the most messages that follow a ticket's description.
const maxReplies = 10

// conversation returns the shape of a ticket's conversation: C is a
// customer message, A a public agent reply, N an internal note. It starts
// with the customer's description, and 0 to maxReplies messages follow,
// about two on average. New tickets have no public agent reply yet, open
// ones wait on an agent, pending ones on the customer, tickets on hold on
// a note, and solved ones end with an answer or the customer's thanks.
func (g *ticketGen) conversation(st helpdesk.Status) string {
	if st == helpdesk.StatusNew {
		return pick(g.r, []string{"C", "C", "C", "C", "CC", "CN"})
	}
	// Each exchange is an agent's reply and the customer's answer; the
	// last exchange has no answer yet.
	exchanges := 1
	for exchanges < 5 && g.r.IntN(100) < 15 {
		exchanges++
	}
	b := []byte(strings.Repeat("CA", exchanges))
	switch st {
	case helpdesk.StatusOpen:
		b = append(b, 'C')
	case helpdesk.StatusOnHold:
		b = append(b, 'N')
	case helpdesk.StatusSolved, helpdesk.StatusClosed:
		if g.r.IntN(2) == 0 {
			b = append(b, 'C')
		}
	}
	// One ticket in five has an internal note somewhere after the
	// description.
	if len(b) <= maxReplies && g.r.IntN(5) == 0 {
		at := 1 + g.r.IntN(len(b)-1)
		b = append(b[:at], append([]byte{'N'}, b[at:]...)...)
	}
	return string(b)
}

// body returns the template of message i of the conversation convo.
func (g *ticketGen) body(cat *category, sc *scenario, convo string, i int, st helpdesk.Status) string {
	done := st == helpdesk.StatusSolved || st == helpdesk.StatusClosed
	last := lastIndex(convo, convo[i]) == i
	switch convo[i] {
	case 'C':
		if i == 0 {
			return g.description(sc)
		}
		return g.customerText(convo, i, done && last)
	case 'A':
		text := pick(g.r, agentFollowUps)
		if i == strings.IndexByte(convo, 'A') {
			text = sc.reply
		} else if done && i == len(convo)-1 {
			text = pick(g.r, agentClosings)
		}
		return "Hi {customer},\n\n" + text + "\n\nBest,\n{agent}"
	default:
		if g.r.IntN(100) < 60 {
			return pick(g.r, cat.notes)
		}
		return pick(g.r, agentNotes)
	}
}

// description is the customer's first message: the scenario's, often with
// a paragraph of context (a project name from the long-tailed vocabulary,
// a polite request, a question about a workaround) and a signature.
func (g *ticketGen) description(sc *scenario) string {
	var extra []string
	if g.r.IntN(10) < 7 {
		extra = append(extra, pick(g.r, contextSentences))
	}
	if g.r.IntN(100) < 5 {
		extra = append(extra, pick(g.r, meantimeSentences))
	}
	if g.r.IntN(2) == 0 {
		extra = append(extra, pick(g.r, kindlySentences))
	}
	text := sc.body
	if len(extra) > 0 {
		text += "\n\n" + strings.Join(extra, " ")
	}
	if g.r.IntN(2) == 0 {
		text += "\n\nThanks,\n{customer}"
	}
	return text
}

func (g *ticketGen) customerText(convo string, i int, thanks bool) string {
	switch {
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
