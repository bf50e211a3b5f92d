package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// The demo logins. The password passes Triage's password rules (12+
// characters, not a common password, not the user's name or email).
const (
	AdminEmail    = "admin@example.com"
	AgentEmail    = "agent@example.com"
	CustomerEmail = "customer@example.com"
	DemoPassword  = "triage-demo-password"
)

// cast builds the seeded people inside one transaction.
type cast struct {
	tx     helpdesk.Tx
	r      *rand.Rand
	hash   string // the demo password's hash, shared by every demo login
	born   time.Time
	emails map[string]int
	users  int
}

// createPeople creates the demo admin, agents, customers and teams.
func createPeople(ctx context.Context, tx helpdesk.Tx, r *rand.Rand, opts Options, now time.Time) (*people, int, error) {
	hash, err := opts.Hash(DemoPassword)
	if err != nil {
		return nil, 0, fmt.Errorf("hash demo password: %w", err)
	}
	c := &cast{tx: tx, r: r, hash: hash, born: now.Add(-opts.History).AddDate(0, 0, -35), emails: map[string]int{}}
	p := &people{crews: map[string]*crew{}}
	if _, err := c.user(ctx, AdminEmail, "Alex Morgan", helpdesk.RoleAdmin, true); err != nil {
		return nil, 0, err
	}
	if err := c.staff(ctx, p, opts.Agents); err != nil {
		return nil, 0, err
	}
	if err := c.teams(ctx, p); err != nil {
		return nil, 0, err
	}
	if err := c.customers(ctx, p, opts.Customers); err != nil {
		return nil, 0, err
	}
	return p, c.users, nil
}

func (c *cast) staff(ctx context.Context, p *people, n int) error {
	demo, err := c.user(ctx, AgentEmail, "Sam Rivera", helpdesk.RoleAgent, true)
	if err != nil {
		return err
	}
	p.staff = append(p.staff, demo)
	for range n - 1 {
		name := pick(c.r, firstNames) + " " + pick(c.r, lastNames)
		u, err := c.user(ctx, c.email(name, "example.com"), name, helpdesk.RoleAgent, true)
		if err != nil {
			return err
		}
		p.staff = append(p.staff, u)
	}
	return nil
}

// teams creates the teams and spreads the agents over them: the demo agent
// works in two teams, every other agent in one, some in a second.
func (c *cast) teams(ctx context.Context, p *people) error {
	for _, name := range teamOrder {
		t := &helpdesk.Team{Name: name, Description: teamDescriptions[name], CreatedAt: c.born, UpdatedAt: c.born}
		if err := c.tx.CreateTeam(ctx, t); err != nil {
			return fmt.Errorf("create team %q: %w", name, err)
		}
		p.crews[name] = &crew{team: t}
	}
	join := func(name string, u *helpdesk.User) error {
		cr := p.crews[name]
		if err := c.tx.AddTeamMember(ctx, cr.team.ID, u.ID); err != nil {
			return fmt.Errorf("add %s to team %q: %w", u.Email, name, err)
		}
		cr.members = append(cr.members, u)
		return nil
	}
	for i, u := range p.staff {
		first := teamOrder[i%len(teamOrder)]
		second := teamOrder[(i+1+c.r.IntN(len(teamOrder)-1))%len(teamOrder)]
		if i == 0 {
			first, second = teamFrontline, teamTechnical
		} else if c.r.IntN(100) >= 30 {
			second = ""
		}
		for _, name := range []string{first, second} {
			if name == "" {
				continue
			}
			if err := join(name, u); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *cast) customers(ctx context.Context, p *people, n int) error {
	demo, err := c.user(ctx, CustomerEmail, "Casey Jordan", helpdesk.RoleCustomer, true)
	if err != nil {
		return err
	}
	p.customers = append(p.customers, demo)
	for range n - 1 {
		name := pick(c.r, firstNames) + " " + pick(c.r, lastNames)
		u, err := c.user(ctx, c.email(name, pick(c.r, customerDomains)), name, helpdesk.RoleCustomer, false)
		if err != nil {
			return err
		}
		p.customers = append(p.customers, u)
	}
	return nil
}

// user creates one active user. Demo logins get the demo password; other
// customers have none, like customers known only by their email.
func (c *cast) user(ctx context.Context, email, name string, role helpdesk.Role, login bool) (*helpdesk.User, error) {
	at := c.born.Add(time.Duration(c.r.IntN(30*24)) * time.Hour)
	u := &helpdesk.User{
		Email: email, Name: name, Role: role, Active: true, TimeZone: pick(c.r, timeZones),
		CreatedAt: at, UpdatedAt: at,
	}
	if login {
		u.PasswordHash, u.PasswordChangedAt = c.hash, ptr(at)
	}
	if err := c.tx.CreateUser(ctx, u); err != nil {
		return nil, fmt.Errorf("create user %s: %w", email, err)
	}
	c.users++
	return u, nil
}

// email makes a unique address for name at domain.
func (c *cast) email(name, domain string) string {
	local := asciiLocal(name)
	addr := local + "@" + domain
	c.emails[addr]++
	if n := c.emails[addr]; n > 1 {
		addr = fmt.Sprintf("%s%d@%s", local, n, domain)
	}
	return addr
}

var foldAccents = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ã", "a", "ä", "a", "é", "e", "è", "e", "ê", "e",
	"í", "i", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ú", "u", "ü", "u",
	"ñ", "n", "ç", "c", "ł", "l", "ś", "s", "ż", "z",
)

// asciiLocal turns "Lucía O'Brien" into "lucia.obrien".
func asciiLocal(name string) string {
	name = foldAccents.Replace(strings.ToLower(name))
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('.')
		}
	}
	return b.String()
}
