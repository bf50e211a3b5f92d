import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DateTime, formatDateTime } from './DateTime';

describe('DateTime', () => {
  it('renders a time element with the machine value', () => {
    render(<DateTime value="2026-03-04T05:06:07Z" />);
    const t = screen.getByText(formatDateTime('2026-03-04T05:06:07Z'));
    expect(t.tagName).toBe('TIME');
    expect(t).toHaveAttribute('datetime', '2026-03-04T05:06:07Z');
  });

  it('shows the empty text without a value', () => {
    render(<DateTime value={null} empty="never" />);
    expect(screen.getByText('never')).toBeInTheDocument();
  });
});

describe('formatDateTime', () => {
  it('mentions the year and leaves unparseable values alone', () => {
    expect(formatDateTime('2026-03-04T05:06:07Z')).toMatch(/2026/);
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
