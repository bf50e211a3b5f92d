// Package markdown turns comment bodies written in Markdown (CommonMark plus
// the GitHub extensions) into HTML that is safe to insert into a page.
package markdown

import (
	"bytes"
	"html"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Renderer renders Markdown to sanitized HTML. It is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a Renderer. Raw HTML in the source is never passed through:
// goldmark's unsafe mode stays off, raw HTML is shown as escaped text, and
// the output is then sanitized, so a bug in either layer alone cannot let
// script in.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
		),
		// Priority 100 runs before goldmark's own HTML renderer (1000),
		// so these functions replace its raw-HTML handling.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 100))),
	)
	return &Renderer{md: md, policy: newPolicy()}
}

// newPolicy is bluemonday's user-generated-content policy, tightened for
// links and widened only for the disabled checkboxes of task lists.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// UGCPolicy already limits URLs to http, https, mailto and relative ones,
	// which rules out javascript: and data: for links and images alike.
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	// External links open in a new tab; bluemonday adds rel="noopener" with
	// it so the opened page cannot reach back through window.opener.
	p.AddTargetBlankToFullyQualifiedLinks(true)
	// A fenced block's language class lets the web app highlight it.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w.+#-]{1,32}$`)).OnElements("code")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")
	return p
}

// Render returns src as sanitized HTML. Markdown cannot fail to parse, so
// there is no error to return.
func (r *Renderer) Render(src string) string {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		// Convert only fails when its writer does; fall back to escaped text
		// rather than dropping the comment.
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return r.policy.Sanitize(buf.String())
}
