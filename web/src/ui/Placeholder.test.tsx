import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Placeholder } from './Placeholder';

describe('Placeholder', () => {
  it('says in words that the page is not built', () => {
    render(<Placeholder title="Audit log" planned="The audit log with filters." />);
    expect(screen.getByRole('heading', { level: 1, name: 'Audit log' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Not built yet');
    expect(screen.getByRole('note')).toHaveTextContent('The audit log with filters.');
    expect(document.title).toBe('Audit log (not built yet) · Triage');
  });
});
