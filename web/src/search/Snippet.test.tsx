import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Snippet, SnippetText, snippetText } from './Snippet';

describe('Snippet', () => {
  it('marks the hits', () => {
    const { container } = render(
      <Snippet snippet={{ in: 'conversation', parts: [{ text: 'The ' }, { text: 'printer', hit: true }, { text: ' is on fire' }] }} />,
    );
    const marks = container.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['printer']);
    expect(container).toHaveTextContent('Conversation: The printer is on fire');
    expect(screen.queryByText('Internal note')).not.toBeInTheDocument();
  });

  it('shows markup in the text as text', () => {
    const parts = [{ text: '<img src=x onerror="alert(1)">' }, { text: '<b>bold</b>', hit: true }];
    const { container } = render(<SnippetText parts={parts} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('mark')?.textContent).toBe('<b>bold</b>');
    expect(container).toHaveTextContent('<img src=x onerror="alert(1)"><b>bold</b>');
    expect(snippetText({ in: 'subject', parts })).toBe('<img src=x onerror="alert(1)"><b>bold</b>');
  });

  it('labels an internal note in words', () => {
    render(<Snippet snippet={{ in: 'internal_note', parts: [{ text: 'refund', hit: true }, { text: ' approved' }] }} />);
    expect(screen.getByText('Internal note')).toBeVisible();
    expect(screen.getByText('refund').tagName).toBe('MARK');
  });
});
