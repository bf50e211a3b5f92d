// Package helpdesk holds Triage's domain: the types every other package
// speaks (users, teams, tickets, comments, sessions, audit entries), their
// validation, the one Error type, and the Store interface that the sqlite and
// postgres packages implement. It depends on the standard library only.
package helpdesk
