import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import MarkdownPreview, { renderMarkdown } from './MarkdownPreview';

function html(src: string): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(src));
  return div.innerHTML;
}

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown', () => {
    expect(html('**bold** and _it_')).toContain('<strong>bold</strong>');
    expect(html('- a\n- b')).toContain('<li>a</li>');
    expect(html('~~gone~~')).toContain('<del>gone</del>');
    expect(html('| a |\n|---|\n| 1 |')).toContain('<table>');
  });

  it('shows raw HTML as text and never runs script', () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;');
  });

  it('drops javascript: links and opens others in a new tab', () => {
    expect(html('[x](javascript:alert(1))')).not.toContain('javascript:');
    const out = html('[site](https://example.com)');
    expect(out).toContain('href="https://example.com"');
    expect(out).toContain('target="_blank"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe('MarkdownPreview', () => {
  it('renders the source as DOM', async () => {
    const { rerender } = render(<MarkdownPreview source="# Title" />);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Title' })).toBeInTheDocument());
    rerender(<MarkdownPreview source="`code`" />);
    await waitFor(() => expect(screen.getByText('code').tagName).toBe('CODE'));
  });
});
