package helpdesk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMentions bounds how many people one comment can mention.
const MaxMentions = 50

// ParseMentions returns the people a comment body (Markdown) @mentions, in
// order of first appearance, lower-cased and without duplicates: "@jane"
// gives "jane" (an email's local part) and "@jane@example.com" gives the
// whole address. A mention starts the text or follows a space or an
// opening bracket, quote or emphasis mark, so "mail jane@example.com" and
// "a\@b" mention nobody; code spans and code blocks are skipped, so that
// pasted logs and snippets mention nobody either.
func ParseMentions(body string) []string {
	var out []string
	seen := map[string]bool{}
	for _, chunk := range proseChunks(body) {
		for _, text := range outsideCodeSpans(chunk) {
			for _, m := range mentionsIn(text) {
				if !seen[m] && len(out) < MaxMentions {
					seen[m] = true
					out = append(out, m)
				}
			}
		}
	}
	return out
}

// proseChunks splits body into runs of lines outside fenced and indented
// code blocks.
func proseChunks(body string) []string {
	var chunks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			chunks = append(chunks, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	var fence string // the open fence's marker, "" outside one
	prevBlank, inIndented := true, false
	for line := range strings.Lines(body) {
		line = strings.TrimRight(line, "\r\n")
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		switch {
		case fence != "":
			if indent < 4 && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" \t") == "" {
				fence = ""
			}
		case indent < 4 && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			flush()
			fence = trimmed[:fenceLen(trimmed)]
		case strings.TrimSpace(line) == "":
			flush()
			prevBlank = true
			continue
		case (indent >= 4 || strings.HasPrefix(line, "\t")) && (prevBlank || inIndented):
			flush()
			inIndented = true
		default:
			inIndented = false
			cur = append(cur, line)
		}
		prevBlank = false
	}
	flush()
	return chunks
}

// fenceLen returns the length of the run of fence characters s starts with.
func fenceLen(s string) int {
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// outsideCodeSpans returns the parts of text outside `code spans`. A run of
// backticks opens a span closed by the next run of the same length; an
// unclosed run is plain text.
func outsideCodeSpans(text string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(text); {
		if text[i] != '`' {
			i++
			continue
		}
		n := fenceLen(text[i:])
		end := closingRun(text, i+n, n)
		if end < 0 {
			i += n
			continue
		}
		parts = append(parts, text[start:i])
		i = end + n
		start = i
	}
	return append(parts, text[start:])
}

// closingRun returns the index of the next run of exactly n backticks in
// text from `from`, or -1.
func closingRun(text string, from, n int) int {
	for i := from; i < len(text); {
		if text[i] != '`' {
			i++
			continue
		}
		m := fenceLen(text[i:])
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// mentionsIn returns the mentions of prose text, with duplicates.
func mentionsIn(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '@' || !mentionBoundary(text[:i]) {
			continue
		}
		if m := mentionAt(text[i+1:]); m != "" {
			out = append(out, m)
			i += len(m)
		}
	}
	return out
}

// mentionBoundary reports whether a mention may start after before.
func mentionBoundary(before string) bool {
	if before == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(last) || strings.ContainsRune(`([{<"'*~`, last)
}

// mentionAt reads the name after an @: a local part, and a domain if one
// follows another @. Trailing dots and hyphens end a sentence, not a name.
func mentionAt(s string) string {
	local := strings.TrimRight(s[:spanOf(s, isLocalChar)], ".-")
	if local == "" {
		return ""
	}
	if rest := s[len(local):]; strings.HasPrefix(rest, "@") {
		domain := strings.TrimRight(rest[1:1+spanOf(rest[1:], isDomainChar)], ".-")
		if strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.Contains(domain, "..") {
			return strings.ToLower(local + "@" + domain)
		}
	}
	return strings.ToLower(local)
}

// spanOf returns the length of the prefix of s whose bytes satisfy ok.
func spanOf(s string, ok func(byte) bool) int {
	n := 0
	for n < len(s) && ok(s[n]) {
		n++
	}
	return n
}

func isLocalChar(c byte) bool {
	return isDomainChar(c) || c == '_' || c == '+' || c == '%'
}

func isDomainChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}
