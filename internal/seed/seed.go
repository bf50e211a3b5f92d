// Package seed fills a Triage database with realistic demo data: a demo
// admin, agent and customer with known logins, more agents and customers,
// teams, and tickets with conversations spread over the past years. It
// writes people through helpdesk.Store and tickets through a store's
// BulkLoader when it has one, so it works on every engine and seeds a
// million tickets in minutes.
package seed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Options configures a seed run.
type Options struct {
	Tickets   int // tickets to add
	Agents    int // agents to create, the demo agent included; default 12
	Customers int // customers to create, the demo customer included; default Tickets/8 within 10..50,000
	// History is how far back tickets go: by default one year for up to
	// 10,000 tickets and three years beyond, as a larger desk has been
	// running for longer.
	History time.Duration
	// Seed makes a run repeatable: the same seed writes the same data
	// (timestamps are relative to Now). 0 picks one at random.
	Seed      int64
	BatchSize int // tickets generated and handed to the store at a time; default 5000
	// Force seeds a database that has users but no demo admin, which
	// otherwise is refused so demo data never lands in a real desk.
	Force bool
	// IfEmpty does nothing when the database already has users.
	IfEmpty bool
	// Hash hashes the demo password (password.Hasher.Hash).
	Hash func(password string) (string, error)
	// Render turns a comment body into sanitized HTML.
	Render func(body string) string
	Now    func() time.Time
	// Progress receives a progress bar; nil shows none.
	Progress io.Writer
}

// Result is what a run added.
type Result struct {
	Seed     int64
	Skipped  bool // IfEmpty found data and did nothing
	Users    int
	Teams    int
	Tickets  int
	Comments int
}

// ErrNotDemo is returned when the database holds users but not the demo
// admin, and Force is off.
var ErrNotDemo = errors.New("the database already has users but no demo admin; " +
	"refusing to mix demo data into it (use --force to seed anyway)")

// Run adds demo data to st. On a database without the demo admin it first
// creates the people and teams; when the demo admin exists it only adds
// tickets between the people already there.
func Run(ctx context.Context, st helpdesk.Store, opts Options) (*Result, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	now := opts.Now().UTC().Truncate(time.Microsecond)
	res := &Result{Seed: opts.Seed}
	r := rand.New(rand.NewPCG(uint64(opts.Seed), uint64(opts.Seed)^0x9e3779b97f4a7c15))

	p, err := prepare(ctx, st, r, opts, now, res)
	if err != nil || res.Skipped {
		return res, err
	}
	gen := newTicketGen(r, now, opts.Render, p)
	if err := addTickets(ctx, loaderFor(st), gen, opts, now, res); err != nil {
		return nil, err
	}
	err = st.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return auditRun(ctx, tx, now, opts, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (o *Options) fill() error {
	if o.Tickets < 0 || o.Tickets > 10_000_000 {
		return fmt.Errorf("seed: tickets must be between 0 and 10,000,000, got %d", o.Tickets)
	}
	if o.Hash == nil || o.Render == nil {
		return errors.New("seed: Hash and Render are required")
	}
	if o.Agents <= 0 {
		o.Agents = 12
	}
	if o.Customers <= 0 {
		o.Customers = min(max(o.Tickets/8, 10), maxLoadedCustomers)
	}
	if o.History <= 0 {
		o.History = 365 * 24 * time.Hour
		if o.Tickets > 10_000 {
			o.History *= 3
		}
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 5000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	for o.Seed == 0 {
		o.Seed = rand.Int64()
	}
	return nil
}

// prepare finds or creates the people tickets are between.
func prepare(ctx context.Context, st helpdesk.Store, r *rand.Rand, opts Options, now time.Time, res *Result) (*people, error) {
	_, err := st.FindUserByEmail(ctx, AdminEmail)
	switch {
	case err == nil && opts.IfEmpty:
		res.Skipped = true
		return nil, nil
	case err == nil:
		return loadPeople(ctx, st)
	case helpdesk.ErrorCode(err) != helpdesk.ENOTFOUND:
		return nil, fmt.Errorf("look up the demo admin: %w", err)
	}
	some, err := st.ListUsers(ctx, helpdesk.UserFilter{Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("look for existing users: %w", err)
	}
	if len(some) > 0 && opts.IfEmpty {
		res.Skipped = true
		return nil, nil
	} else if len(some) > 0 && !opts.Force {
		return nil, ErrNotDemo
	}
	var p *people
	err = st.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		p, res.Users, err = createPeople(ctx, tx, r, opts, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("seed people: %w", err)
	}
	res.Teams = len(p.crews)
	return p, nil
}

// openedAt spreads ticket i of n over the history before now, in order,
// with more tickets in recent months, as a growing helpdesk has.
func openedAt(r *rand.Rand, now time.Time, history time.Duration, i, n int) time.Time {
	f := math.Sqrt((float64(i) + r.Float64()) / float64(n))
	return now.Add(-history + time.Duration(f*float64(history))).Truncate(time.Microsecond)
}

// auditRun records the seed run itself, so the audit log explains where
// the demo data came from.
func auditRun(ctx context.Context, tx helpdesk.Tx, now time.Time, opts Options, res *Result) error {
	after, err := json.Marshal(map[string]any{
		"seed": opts.Seed, "users": res.Users, "teams": res.Teams, "tickets": res.Tickets, "comments": res.Comments,
	})
	if err != nil {
		return fmt.Errorf("marshal seed audit: %w", err)
	}
	e := &helpdesk.AuditEntry{CreatedAt: now, Action: "demo.seed", TargetType: "system", TargetID: "seed", After: after}
	if err := tx.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit seed run: %w", err)
	}
	return nil
}
