import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { makeTicket } from './testing';
import { TicketTable } from './TicketTable';
import { useSelection } from './useSelection';

const tickets = [
  makeTicket({ id: 1, subject: 'Printer on fire', priority: 'urgent', assignee_id: 5, assignee: { id: 5, name: 'Ann Agent' } }),
  makeTicket({ id: 2, subject: '<b>not bold</b>', status: 'pending' }),
  makeTicket({ id: 3, subject: 'Third' }),
  makeTicket({ id: 4, subject: 'Fourth' }),
];

function Harness({ active, onActive }: { active: number; onActive: (i: number) => void }) {
  const selection = useSelection('s', [1, 2, 3, 4]);
  return (
    <>
      <TicketTable tickets={tickets} selection={selection} active={active} onActive={onActive} sort="-updated_at" from="/tickets?status=open" />
      <output data-testid="selected">{selection.selected.join(',')}</output>
    </>
  );
}

function setup(active = -1) {
  const onActive = vi.fn();
  const r = renderWithProviders(<Harness active={active} onActive={onActive} />);
  return { ...r, onActive, selected: () => screen.getByTestId('selected').textContent };
}

describe('TicketTable', () => {
  it('shows the columns, with user text as text', () => {
    setup();
    const table = screen.getByRole('table', { name: /sorted by updated, newest first/i });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['', '#', 'Subject', 'Requester', 'Status', 'Priority', 'Assignee', 'Updated']);
    expect(screen.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'descending');
    const row = screen.getByRole('link', { name: 'Printer on fire' }).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('#1');
    expect(row).toHaveTextContent('Rita Requester');
    expect(row).toHaveTextContent('Open');
    expect(row).toHaveTextContent('Urgent');
    expect(row).toHaveTextContent('Ann Agent');
    expect(screen.getByRole('link', { name: '<b>not bold</b>' })).toHaveAttribute('href', '/tickets/2');
    expect(screen.getAllByText('Unassigned')).toHaveLength(3);
  });

  it('selects rows, a range with shift, and all on the page', async () => {
    const { user, selected } = setup();
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #1' }));
    expect(selected()).toBe('1');
    const all = screen.getByRole('checkbox', { name: 'Select all tickets on this page' }) as HTMLInputElement;
    expect(all.indeterminate).toBe(true);
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #3' }));
    await user.keyboard('{/Shift}');
    expect(selected()).toBe('1,2,3');
    await user.click(all);
    expect(selected()).toBe('1,2,3,4');
    expect(all).toBeChecked();
    await user.click(all);
    expect(selected()).toBe('');
  });

  it('marks the active row and reports focus', async () => {
    const { onActive } = setup(2);
    expect(screen.getByRole('link', { name: 'Third' }).closest('tr')).toHaveClass('is-active');
    act(() => screen.getByRole('link', { name: 'Fourth' }).focus());
    expect(onActive).toHaveBeenCalledWith(3);
  });
});
