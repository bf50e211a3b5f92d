import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { relativeTime, RelativeTime } from './RelativeTime';

describe('relativeTime', () => {
  const now = Date.parse('2026-05-02T12:00:00Z');
  it('says how long ago', () => {
    expect(relativeTime('2026-05-02T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-05-02T11:55:00Z', now)).toMatch(/5 min/);
    expect(relativeTime('2026-05-02T09:00:00Z', now)).toMatch(/3 h/);
    expect(relativeTime('2026-04-30T12:00:00Z', now)).toMatch(/2 days ago/);
    expect(relativeTime('nonsense', now)).toBe('nonsense');
  });
});

describe('RelativeTime', () => {
  it('is a <time> with the exact time as a tooltip', () => {
    render(<RelativeTime value="2026-05-02T11:55:00Z" />);
    const t = screen.getByText((_, el) => el?.tagName === 'TIME');
    expect(t).toHaveAttribute('datetime', '2026-05-02T11:55:00Z');
    expect(t.getAttribute('title')).toMatch(/2026/);
  });
});
