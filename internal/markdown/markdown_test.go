package markdown_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/triagehq/triage/internal/markdown"
)

func TestRender_XSS(t *testing.T) {
	r := markdown.New()
	tests := []struct {
		name string
		src  string
	}{
		{"Script", `<script>alert(1)</script>`},
		{"ScriptInline", `hello <script>alert(1)</script> world`},
		{"OnError", `x <img src=x onerror=alert(1)> y`},
		{"OnErrorBlock", "<img src=x onerror=\"alert(1)\">\n"},
		{"Iframe", `<iframe src="https://evil.example"></iframe>`},
		{"RawHTMLBlock", "<div onclick=\"alert(1)\">\n<b>raw</b>\n</div>\n"},
		{"RawAnchor", `<a href="javascript:alert(1)">x</a>`},
		{"MarkdownJSLink", `[click](javascript:alert(1))`},
		{"MarkdownJSLinkMixedCase", `[click](JaVaScRiPt:alert(1))`},
		{"MarkdownJSLinkEntity", `[click](&#106;avascript:alert(1))`},
		{"MarkdownJSLinkRef", "[click][x]\n\n[x]: javascript:alert(1)\n"},
		{"MarkdownDataLink", `[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`},
		{"DataImage", `![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`},
		{"JSImage", `![img](javascript:alert(1))`},
		{"SVG", `<svg onload=alert(1)>`},
		{"Style", `<style>body{display:none}</style>`},
		{"AutolinkJS", `<javascript:alert(1)>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Render(tt.src)
			if problem := unsafeMarkup(got); problem != "" {
				t.Errorf("Render(%q) = %q: %s", tt.src, got, problem)
			}
		})
	}
}

// safeElements are the only elements Markdown may produce here.
var safeElements = map[string]bool{
	"p": true, "a": true, "em": true, "strong": true, "code": true, "pre": true,
	"ul": true, "ol": true, "li": true, "img": true, "del": true, "input": true,
	"blockquote": true, "h1": true, "br": true, "table": true, "thead": true,
	"tbody": true, "tr": true, "th": true, "td": true,
}

// unsafeMarkup parses out as a browser would and describes the first
// element, event handler or URL that could run script, or returns "".
func unsafeMarkup(out string) string {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !safeElements[tok.Data] {
				return "element <" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				val := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(key, "on") || key == "style":
					return "attribute " + key
				case (key == "href" || key == "src") && (strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "data:")):
					return key + "=" + val
				}
			}
		}
	}
}

func TestRender_RawHTMLShownAsText(t *testing.T) {
	got := markdown.New().Render("Press <Enter> then <b>bold</b>")
	want := "<p>Press &lt;Enter&gt; then &lt;b&gt;bold&lt;/b&gt;</p>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRender_EscapesPlainText(t *testing.T) {
	got := markdown.New().Render("if a < b && c > d")
	want := "<p>if a &lt; b &amp;&amp; c &gt; d</p>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRender_Markdown(t *testing.T) {
	r := markdown.New()
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"Emphasis", "*em* **strong**", []string{"<em>em</em>", "<strong>strong</strong>"}},
		{"List", "- one\n- two\n", []string{"<ul>", "<li>one</li>", "<li>two</li>"}},
		{"OrderedList", "1. one\n2. two\n", []string{"<ol>", "<li>one</li>"}},
		{"InlineCode", "run `ls <dir>`", []string{"<code>ls &lt;dir&gt;</code>"}},
		{"FencedCode", "```go\nx := \"<b>\"\n```\n", []string{`<pre><code class="language-go">`, "&lt;b&gt;"}},
		{"Heading", "# Title", []string{"<h1>Title</h1>"}},
		{"Blockquote", "> quoted", []string{"<blockquote>"}},
		{"Strikethrough", "~~gone~~", []string{"<del>gone</del>"}},
		{"Table", "| a | b |\n|:--|--:|\n| 1 | 2 |\n", []string{"<table>", `<th align="left">a</th>`, `<td align="right">2</td>`}},
		{"TaskList", "- [x] done\n- [ ] todo\n", []string{`<input checked="" disabled="" type="checkbox">`, `<input disabled="" type="checkbox"> todo`}},
		{"ExternalLink", "[site](https://example.com/a?b=c)", []string{`<a href="https://example.com/a?b=c" rel="nofollow noreferrer noopener" target="_blank">site</a>`}},
		{"Autolink", "see https://example.com now", []string{`<a href="https://example.com" rel="nofollow noreferrer noopener" target="_blank">https://example.com</a>`}},
		{"RelativeLink", "[t](/tickets/3)", []string{`<a href="/tickets/3" rel="nofollow noreferrer">t</a>`}},
		{"Image", "![logo](https://example.com/l.png)", []string{`<img src="https://example.com/l.png" alt="logo">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Render(tt.src)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.src, got, w)
				}
			}
		})
	}
}

func TestRender_Concurrent(t *testing.T) {
	r := markdown.New()
	done := make(chan string)
	for range 8 {
		go func() { done <- r.Render("**x** <script>") }()
	}
	for range 8 {
		if got, want := <-done, "<p><strong>x</strong> &lt;script&gt;</p>\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestUnsafeMarkup makes sure the XSS test's checker would notice an attack.
func TestUnsafeMarkup(t *testing.T) {
	for _, bad := range []string{
		`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`,
		`<a href=" JavaScript:alert(1)">x</a>`, `<img src="data:image/png;base64,AA">`,
		`<iframe src="https://x"></iframe>`, `<p style="x">`,
	} {
		if unsafeMarkup(bad) == "" {
			t.Errorf("unsafeMarkup(%q) found nothing", bad)
		}
	}
	if got := unsafeMarkup(`<p>&lt;script&gt; onerror=x</p>`); got != "" {
		t.Errorf("escaped text reported as %q", got)
	}
}
