import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { AuditEntryItem } from './AuditEntryItem';

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    created_at: '2026-01-02T03:04:05Z',
    actor_id: 3,
    action: 'ticket.update',
    target_type: 'ticket',
    target_id: '12',
    before: { status: 'open' },
    after: { status: 'solved' },
    ip: '203.0.113.9',
    request_id: 'req-abc',
    ...over,
  } as AuditEntry;
}

describe('AuditEntryItem', () => {
  it('shows time, actor name, action, target, IP and request id', async () => {
    const api = mockApi();
    signedInAs(api, makeUser({ role: 'admin' }));
    api.on('GET', '/api/v1/users/3', json(makeUser({ id: 3, name: 'Ada Admin' })));
    renderWithProviders(
      <ul>
        <AuditEntryItem entry={entry()} />
      </ul>,
    );
    expect(screen.getByText('ticket.update')).toBeInTheDocument();
    expect(screen.getByText('User #3')).toBeInTheDocument();
    expect(await screen.findByText('Ada Admin')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ticket #12' })).toHaveAttribute('href', '/tickets/12');
    expect(screen.getByText('203.0.113.9')).toBeInTheDocument();
    expect(screen.getByText('req-abc')).toBeInTheDocument();
    expect(screen.getByRole('time')).toHaveAttribute('datetime', '2026-01-02T03:04:05Z');
  });

  it('expands the before/after diff as text', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/users/3', problem(404, 'User not found.'));
    const { user } = renderWithProviders(
      <ul>
        <AuditEntryItem entry={entry({ after: { status: '<script>x</script>' } as unknown as AuditEntry['after'] })} />
      </ul>,
    );
    const toggle = screen.getByRole('button', { name: 'Show changes' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide changes' })).toHaveAttribute('aria-expanded', 'true');
    const pre = screen.getByLabelText('Changes recorded by ticket.update');
    expect(pre).toHaveTextContent('+ "status": "<script>x</script>"');
    expect(document.querySelector('.audit-entry script')).toBeNull();
  });

  it('names the system as actor and has no toggle without details', () => {
    mockApi();
    renderWithProviders(
      <ul>
        <AuditEntryItem entry={entry({ actor_id: null, action: 'auth.login_failed', target_type: 'user', target_id: '', before: null, after: null, ip: '' })} />
      </ul>,
    );
    expect(screen.getByText('System')).toBeInTheDocument();
    expect(screen.getByText('user')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show changes' })).not.toBeInTheDocument();
  });
});
