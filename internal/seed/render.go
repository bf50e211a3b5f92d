package seed

import (
	"html"
	"strings"
)

// renderer renders the seed's comment bodies as Options.Render would, at a
// fraction of the cost: rendering every comment of a million tickets takes
// minutes, yet the bodies are made of a few hundred paragraph templates.
//
// Two facts make that work, and TestRenderer checks both on a large sample
// of generated bodies against markdown.New().Render:
//
//   - The seed's bodies are Markdown blocks separated by blank lines, none
//     of which continues the block before it (no loose lists, no indented
//     code), so a body renders to its blocks' HTML, concatenated.
//   - A placeholder's value ({order}, {customer}, {noun}...) is plain text:
//     letters, digits, spaces and punctuation that Markdown leaves alone in
//     the place the templates put it. So a template block rendered with
//     its placeholders in it gives the same HTML as the filled block, once
//     each placeholder is replaced by its escaped value.
//
// A template whose placeholders do not come out of Render unchanged, and
// values that Markdown would turn into markup (emails become links), fall
// back to rendering the filled block.
type renderer struct {
	render func(string) string
	blocks map[string]*renderedBlock // by template block
}

// renderedBlock is a template block's HTML, with its placeholders in it.
type renderedBlock struct {
	html  string
	subst bool // the placeholders came through, so values can be put in
}

// rawKeys are placeholders whose values Markdown turns into markup.
var rawKeys = map[string]bool{"email": true}

func newRenderer(render func(string) string) *renderer {
	return &renderer{render: render, blocks: map[string]*renderedBlock{}}
}

// message fills the template tmpl with f and returns the body and its HTML.
func (r *renderer) message(tmpl string, f *filler) (body, html string) {
	var b, h strings.Builder
	for i, block := range strings.Split(tmpl, "\n\n") {
		filled := f.fill(block)
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(filled)
		h.WriteString(r.block(block, filled, f))
	}
	return b.String(), h.String()
}

// block returns the HTML of one block: the template block and the same
// block filled.
func (r *renderer) block(tmpl, filled string, f *filler) string {
	rb := r.blocks[tmpl]
	if rb == nil {
		rb = &renderedBlock{html: r.render(tmpl)}
		rb.subst = placeholdersKept(tmpl, rb.html)
		r.blocks[tmpl] = rb
	}
	if tmpl == filled {
		return rb.html
	}
	if !rb.subst {
		return r.render(filled)
	}
	out, ok := substitute(rb.html, f)
	if !ok {
		return r.render(filled)
	}
	return out
}

// placeholdersKept reports whether every placeholder of tmpl is in out as
// often as in tmpl: Render left it as text.
func placeholdersKept(tmpl, out string) bool {
	for s := tmpl; ; {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			return true
		}
		key := s[i : i+j+1]
		if strings.Count(tmpl, key) != strings.Count(out, key) {
			return false
		}
		s = s[i+j+1:]
	}
}

// substitute replaces every {key} in out with f's escaped value of key. It
// fails on a value that is not plain text.
func substitute(out string, f *filler) (string, bool) {
	var b strings.Builder
	for {
		i := strings.IndexByte(out, '{')
		j := strings.IndexByte(out[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(out)
			return b.String(), true
		}
		key := out[i+1 : i+j]
		v, ok := f.vals[key]
		if !ok || rawKeys[key] {
			return "", false
		}
		b.WriteString(out[:i])
		b.WriteString(html.EscapeString(v))
		out = out[i+j+1:]
	}
}
