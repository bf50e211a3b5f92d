package seed

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// BulkLoader stores tickets many at a time, far faster than one by one
// through a helpdesk.Tx. The SQLite and PostgreSQL stores implement it;
// Run writes through helpdesk.Store.Update on a store that does not.
type BulkLoader interface {
	// LoadTickets stores each batch of tickets in one transaction, and
	// commits it before it asks for the next. A batch is tickets with
	// their tags and, for each ticket, its conversation in order; it is
	// stored as given (body_html included) with the tickets' search
	// documents. LoadTickets sets the tickets' and comments' IDs and the
	// comments' TicketID. It is for seeding and imports: it records no
	// events, jobs or audit entries.
	LoadTickets(ctx context.Context, batches iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment]) error
}

// loaderFor returns st's BulkLoader, or one that writes through st.Update.
func loaderFor(st helpdesk.Store) BulkLoader {
	if l, ok := st.(BulkLoader); ok {
		return l
	}
	return storeLoader{st}
}

// storeLoader loads tickets through helpdesk.Store, one row at a time.
type storeLoader struct{ st helpdesk.Store }

func (l storeLoader) LoadTickets(ctx context.Context, batches iter.Seq2[[]*helpdesk.Ticket, [][]*helpdesk.Comment]) error {
	for tickets, comments := range batches {
		err := l.st.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
			for i, t := range tickets {
				if err := tx.CreateTicket(ctx, t); err != nil {
					return fmt.Errorf("create ticket: %w", err)
				}
				for _, c := range comments[i] {
					c.TicketID = t.ID
					if err := tx.CreateComment(ctx, c); err != nil {
						return fmt.Errorf("create comment on ticket %d: %w", t.ID, err)
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// batch is a run of generated tickets, handed to the store at once.
type batch struct {
	from, to int // ticket numbers within the run
	tickets  []*helpdesk.Ticket
	comments [][]*helpdesk.Comment
}

// addTickets generates opts.Tickets tickets and stores them with load, in
// batches of opts.BatchSize. Generating runs on a goroutine of its own, so
// the next batch is ready when the store has written the last one.
func addTickets(ctx context.Context, load BulkLoader, gen *ticketGen, opts Options, now time.Time, res *Result) error {
	bar := newProgress(opts.Progress, opts.Tickets)
	defer bar.Close()
	genCtx, stop := context.WithCancel(ctx)
	batches := make(chan *batch, 1)
	go generate(genCtx, gen, opts, now, batches)
	defer func() {
		// Stop the generator and wait for it to end.
		stop()
		for range batches {
		}
	}()
	var last *batch // the batch being stored
	err := load.LoadTickets(ctx, func(yield func([]*helpdesk.Ticket, [][]*helpdesk.Comment) bool) {
		for b := range batches {
			last = b
			if !yield(b.tickets, b.comments) {
				return
			}
			// The loader asks for the next batch once it stored this one.
			res.Tickets += len(b.tickets)
			for _, cs := range b.comments {
				res.Comments += len(cs)
			}
			_ = bar.Add(len(b.tickets))
		}
		// The store may have work left: indexes to build, a commit.
		bar.Describe("Finishing")
	})
	if err != nil && last != nil {
		return fmt.Errorf("seed tickets %d-%d: %w", last.from+1, last.to, err)
	} else if err != nil {
		return fmt.Errorf("seed tickets: %w", err)
	}
	return ctx.Err()
}

// generate sends the run's tickets on out in batches, and closes it when
// done or when ctx ends.
func generate(ctx context.Context, gen *ticketGen, opts Options, now time.Time, out chan<- *batch) {
	defer close(out)
	for from := 0; from < opts.Tickets; from += opts.BatchSize {
		b := &batch{from: from, to: min(from+opts.BatchSize, opts.Tickets)}
		b.tickets = make([]*helpdesk.Ticket, 0, b.to-b.from)
		b.comments = make([][]*helpdesk.Comment, 0, b.to-b.from)
		for i := b.from; i < b.to; i++ {
			d := gen.next(openedAt(gen.r, now, opts.History, i, opts.Tickets))
			b.tickets = append(b.tickets, d.ticket)
			b.comments = append(b.comments, d.comments)
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return
		}
	}
}
