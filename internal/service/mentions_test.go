package service_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/service"
)

func TestParseMentions(t *testing.T) {
	for _, c := range []struct {
		name string
		body string
		want []string
	}{
		{"LocalPart", "@jane can you look?", []string{"jane"}},
		{"FullAddress", "cc @Jane.Doe@Example.COM please", []string{"jane.doe@example.com"}},
		{"SentenceEnd", "Thanks @jane. And @bob, and @eve-", []string{"jane", "bob", "eve"}},
		{"AddressSentenceEnd", "ask @ops@corp.example.", []string{"ops@corp.example"}},
		{"DomainWithoutDot", "@jane@localhost", []string{"jane"}},
		{"Brackets", "(@jane) [@bob] **@eve** \"@zed\"", []string{"jane", "bob", "eve", "zed"}},
		{"Duplicates", "@jane @JANE @bob @jane", []string{"jane", "bob"}},
		{"PlainEmailIsNoMention", "write to jane@example.com or a.b@c.de", nil},
		{"Escaped", `not a \@mention`, nil},
		{"InsideWords", "foo@bar and x@@y", nil},
		{"BareAt", "@ @. @- alone", nil},
		{"URL", "see https://example.com/@jane and <mailto:bob@example.com>", nil},
		{"CodeSpan", "run `@jane` then ``a ` @bob`` but @eve", []string{"eve"}},
		{"UnclosedBacktick", "a ` @jane", []string{"jane"}},
		{"FencedBlock", "before @a\n```\n@jane\n```\n~~~~go\n@bob\n~~~\n@still\n~~~~\nafter @b", []string{"a", "b"}},
		{"UnclosedFence", "@a\n```\n@jane\n", []string{"a"}},
		{"IndentedCode", "text @a\n\n    @jane\n    @bob\n\n@b", []string{"a", "b"}},
		{"IndentedContinuation", "text\n    @jane", []string{"jane"}},
		{"Newlines", "@a\r\n@b\n\t@c", []string{"a", "b", "c"}},
		{"Unicode", "héllo @jane… and ü@bob", []string{"jane"}},
		{"Empty", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := service.ParseMentions(c.body); !slices.Equal(got, c.want) {
				t.Errorf("ParseMentions(%q): got %q, want %q", c.body, got, c.want)
			}
		})
	}
}

func TestParseMentions_Bounded(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "@user%d ", i)
	}
	if got := service.ParseMentions(b.String()); len(got) != 50 || got[0] != "user0" || got[49] != "user49" {
		t.Errorf("ParseMentions(200 names): got %d (%q...), want the first 50", len(got), got[:min(3, len(got))])
	}
}
