package service

import "github.com/triagehq/triage/internal/helpdesk"

// ParseMentions returns who a comment body @mentions: "@jane" gives "jane"
// (an email's local part), "@jane@example.com" the whole address. The
// rule lives in the domain (helpdesk.ParseMentions) because the
// notification worker resolves the same mentions without the service.
func ParseMentions(body string) []string { return helpdesk.ParseMentions(body) }
