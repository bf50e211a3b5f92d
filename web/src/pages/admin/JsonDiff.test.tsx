import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { diffLines, JsonDiff } from './JsonDiff';

describe('diffLines', () => {
  it('keeps unchanged keys and shows changed ones as before then after', () => {
    expect(diffLines({ id: 5, status: 'open' }, { id: 5, status: 'solved', tags: ['a'] })).toEqual([
      { kind: 'same', text: '  "id": 5' },
      { kind: 'removed', text: '- "status": "open"' },
      { kind: 'added', text: '+ "status": "solved"' },
      { kind: 'added', text: '+ "tags": [\n      "a"\n    ]' },
    ]);
  });

  it('handles a missing side', () => {
    expect(diffLines(null, { name: 'Support' })).toEqual([{ kind: 'added', text: '+ "name": "Support"' }]);
    expect(diffLines({ name: 'Support' }, null)).toEqual([{ kind: 'removed', text: '- "name": "Support"' }]);
    expect(diffLines(null, null)).toEqual([]);
  });
});

describe('JsonDiff', () => {
  it('shows JSON as text in a pre, never as HTML', () => {
    const { container } = render(<JsonDiff before={{ name: '<img src=x onerror=alert(1)>' }} after={{ name: '<b>bold</b>' }} />);
    const pre = screen.getByLabelText('Changes');
    expect(pre.tagName).toBe('PRE');
    expect(pre).toHaveTextContent('- "name": "<img src=x onerror=alert(1)>"');
    expect(pre).toHaveTextContent('+ "name": "<b>bold</b>"');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('− before, + after.')).toBeInTheDocument();
  });

  it('marks lines by kind and says when there is nothing', () => {
    const { container, rerender } = render(<JsonDiff before={{ a: 1 }} after={{ a: 2 }} />);
    expect(container.querySelector('.json-diff-removed')).toHaveTextContent('- "a": 1');
    expect(container.querySelector('.json-diff-added')).toHaveTextContent('+ "a": 2');
    rerender(<JsonDiff before={null} after={null} />);
    expect(screen.getByText('No recorded details.')).toBeInTheDocument();
  });
});
