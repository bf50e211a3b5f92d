package helpdesk

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user may do. Deny by default: an unknown role is no role.
type Role string

const (
	RoleAdmin    Role = "admin"
	RoleAgent    Role = "agent"
	RoleCustomer Role = "customer"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleAgent || r == RoleCustomer
}

// Staff reports whether r works tickets (agents and admins).
func (r Role) Staff() bool { return r == RoleAdmin || r == RoleAgent }

// Limits on user fields.
const (
	MaxEmailLen    = 254
	MaxNameLen     = 200
	MinPasswordLen = 12
	MaxPasswordLen = 1024
)

// User is a person with an account: customer, agent or admin.
type User struct {
	ID        int64     `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	Active    bool      `json:"active"`
	TimeZone  string    `json:"time_zone"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// PasswordHash is the argon2id PHC string; empty means no password
	// login (e.g. a customer known only by email). Never serialized.
	PasswordHash string `json:"-"`
	// PasswordChangedAt is when the password was last set.
	PasswordChangedAt *time.Time `json:"-"`
}

// MaxUserIDs is the most ids one ListUsersByIDs call may ask for.
const MaxUserIDs = 1000

// UserFilter narrows ListUsers. Results come newest id first (descending).
type UserFilter struct {
	Role *Role
	// Roles keeps users having any of these roles; empty means any.
	Roles  []Role
	Active *bool
	Email  string // exact, case-insensitive
	// Query matches a prefix of the email or name, case-insensitively.
	Query   string
	TeamID  *int64
	AfterID int64 // keyset cursor: only ids below this (0 = from the top)
	Limit   int
}

// UserUpdate holds the fields to change; nil means unchanged.
type UserUpdate struct {
	Email    *string `json:"email"`
	Name     *string `json:"name"`
	Role     *Role   `json:"role"`
	Active   *bool   `json:"active"`
	TimeZone *string `json:"time_zone"`
}

// NormalizeEmail trims and lower-cases an address for storage and lookup.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateEmail adds a problem to v if email is not a plain address.
func ValidateEmail(v *Validation, field, email string) {
	if email == "" {
		v.Add(field, "is required")
		return
	}
	if len(email) > MaxEmailLen {
		v.Add(field, "must be at most %d characters", MaxEmailLen)
		return
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		v.Add(field, "must be an email address like name@example.com")
	}
}

// ValidateName adds a problem to v if name is empty or too long.
func ValidateName(v *Validation, field, name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		v.Add(field, "is required")
	} else if utf8.RuneCountInString(name) > MaxNameLen || !utf8.ValidString(name) {
		v.Add(field, "must be at most %d characters of valid text", MaxNameLen)
	} else if strings.ContainsAny(name, "\x00\r\n") {
		v.Add(field, "must be a single line")
	}
}

// ValidateTimeZone adds a problem to v if tz is not an IANA zone name.
func ValidateTimeZone(v *Validation, field, tz string) {
	if tz == "" {
		return
	}
	if len(tz) > 64 {
		v.Add(field, "must be an IANA time zone such as Europe/Paris")
		return
	}
	if _, err := time.LoadLocation(tz); err != nil || tz == "Local" {
		v.Add(field, "must be an IANA time zone such as Europe/Paris")
	}
}

// Validate checks a new user before it is stored.
func (u *User) Validate() error {
	var v Validation
	ValidateEmail(&v, "email", u.Email)
	ValidateName(&v, "name", u.Name)
	if !u.Role.Valid() {
		v.Add("role", "must be one of admin, agent, customer")
	}
	ValidateTimeZone(&v, "time_zone", u.TimeZone)
	return v.Err()
}

// Team groups agents; tickets may belong to one team.
type Team struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// TeamUpdate holds the fields to change; nil means unchanged.
type TeamUpdate struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
}

// MaxTeamDescriptionLen bounds a team's description.
const MaxTeamDescriptionLen = 2000

// Validate checks a team before it is stored.
func (t *Team) Validate() error {
	var v Validation
	ValidateName(&v, "name", t.Name)
	if utf8.RuneCountInString(t.Description) > MaxTeamDescriptionLen {
		v.Add("description", "must be at most %d characters", MaxTeamDescriptionLen)
	}
	return v.Err()
}
