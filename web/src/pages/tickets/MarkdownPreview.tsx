// MarkdownPreview renders a draft's Markdown as the server will. It is
// loaded lazily (marked + DOMPurify stay out of the list page's bundle).
// Like the server, raw HTML in the source is shown as text, and the result
// is sanitized by DOMPurify and inserted as DOM nodes: no HTML string is
// ever handed to React.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useEffect, useRef } from 'react';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const md = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
  },
});

let hooked = false;

// renderMarkdown turns Markdown into a sanitized DOM fragment.
export function renderMarkdown(source: string): DocumentFragment {
  if (!hooked) {
    // Links open in a new tab without a way back to this page, as the
    // server's renderer does for external links.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node instanceof HTMLAnchorElement && node.getAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    });
    hooked = true;
  }
  const html = md.parse(source) as string;
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

export interface MarkdownPreviewProps {
  source: string;
}

export default function MarkdownPreview({ source }: MarkdownPreviewProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(renderMarkdown(source));
  }, [source]);
  return <div ref={ref} className="markdown-body" data-testid="markdown-preview" />;
}
