import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, noContent, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import JobsPage from './JobsPage';
import type { Job } from './queries';

function job(over: Partial<Job> = {}): Job {
  return {
    id: 12,
    kind: 'notify_email',
    queue: 'default',
    state: 'discarded',
    attempt: 5,
    max_attempts: 5,
    errors: [
      { at: '2026-03-01T10:00:00Z', attempt: 4, error: 'dial tcp 10.0.0.5:587: connection refused' },
      { at: '2026-03-01T11:00:00Z', attempt: 5, error: '554 5.7.1 Relay denied\nfull SMTP transcript follows' },
    ],
    created_at: '2026-03-01T09:00:00Z',
    scheduled_at: '2026-03-01T11:00:00Z',
    attempted_at: '2026-03-01T11:00:00Z',
    finalized_at: '2026-03-01T11:00:01Z',
    ...over,
  };
}

function setup(route = '/admin/jobs', items: Job[] = [job(), job({ id: 11, kind: 'notify_event', state: 'retryable', attempt: 2, max_attempts: 25, finalized_at: null, errors: [{ at: '2026-03-01T10:00:00Z', attempt: 2, error: 'database is locked' }] })], next: string | null = null) {
  const api = mockApi();
  signedInAs(api, makeUser({ role: 'admin' }));
  api.on('GET', '/api/v1/admin/jobs', json({ items, next_cursor: next }));
  return { api, ...renderWithProviders(<JobsPage />, { route, path: '/admin/jobs' }) };
}

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('JobsPage', () => {
  it('shows failed and retrying jobs by default', async () => {
    const { api } = setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Jobs' })).toBeInTheDocument();
    await screen.findByRole('table', {}, { timeout: 5000 });
    expect(new URLSearchParams(api.callsTo('GET', '/api/v1/admin/jobs')[0]?.search).get('state')).toBe('discarded,retryable');
    expect(screen.getByRole('link', { name: 'Needs attention' })).toHaveAttribute('aria-current', 'page');
    const [failed, retrying] = rows() as [HTMLElement, HTMLElement];
    expect(failed).toHaveTextContent('notify_email');
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('5 / 5');
    expect(failed).toHaveTextContent('554 5.7.1 Relay denied');
    expect(failed).not.toHaveTextContent('Retrying');
    expect(retrying).toHaveTextContent('Retrying');
    expect(retrying).toHaveTextContent('2 / 25');
    expect(retrying).toHaveTextContent('Next try');
    expect(screen.getByRole('navigation', { name: 'Admin' })).toBeInTheDocument();
  });

  it('expands the full list of errors', async () => {
    const { user } = setup();
    await screen.findByRole('table', {}, { timeout: 5000 });
    const first = rows()[0] as HTMLElement;
    const summary = within(first).getByText(/All errors \(2\)/);
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await user.click(summary);
    expect(details.open).toBe(true);
    expect(within(details).getByText('dial tcp 10.0.0.5:587: connection refused')).toBeInTheDocument();
    expect(within(details).getByText(/full SMTP transcript follows/)).toBeInTheDocument();
  });

  it('filters by state through the tabs', async () => {
    const { api } = setup('/admin/jobs?state=running', [job({ id: 3, state: 'running', finalized_at: null, errors: [] })]);
    await screen.findByRole('table', {}, { timeout: 5000 });
    expect(new URLSearchParams(api.callsTo('GET', '/api/v1/admin/jobs')[0]?.search).get('state')).toBe('running');
    expect(screen.getByRole('link', { name: 'Running' })).toHaveAttribute('aria-current', 'page');
    // A running job can be neither retried nor discarded.
    expect(screen.queryByRole('button', { name: /Retry|Discard/ })).not.toBeInTheDocument();
  });

  it('retries a job and shows its new state in place', async () => {
    const { api, user } = setup();
    await screen.findByRole('table', {}, { timeout: 5000 });
    api.on('POST', '/api/v1/admin/jobs/12/retry', json(job({ state: 'available', finalized_at: null })));
    await user.click(screen.getByRole('button', { name: 'Retry job #12 (notify_email)' }));
    expect(await screen.findByText('Job #12 (notify_email) will run again now.')).toBeInTheDocument();
    expect(rows()[0]).toHaveTextContent('Waiting');
    expect(api.callsTo('POST', '/api/v1/admin/jobs/12/retry')).toHaveLength(1);
  });

  it('discards a job after asking, and takes it off the list', async () => {
    const { api, user } = setup();
    await screen.findByRole('table', {}, { timeout: 5000 });
    api.on('POST', '/api/v1/admin/jobs/12/discard', noContent());
    await user.click(screen.getByRole('button', { name: 'Discard job #12 (notify_email)' }));
    expect(api.callsTo('POST', '/api/v1/admin/jobs/12/discard')).toHaveLength(0);
    await user.click(within(screen.getByRole('group', { name: 'Delete this job for good?' })).getByRole('button', { name: 'Discard' }));
    expect(await screen.findByText('Job #12 (notify_email) was discarded.')).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('notify_event');
  });

  it('says on the row why an action failed', async () => {
    const { api, user } = setup();
    await screen.findByRole('table', {}, { timeout: 5000 });
    api.on('POST', '/api/v1/admin/jobs/11/discard', problem(409, 'The job is running; try again when it has finished.', { code: 'conflict' }));
    await user.click(screen.getByRole('button', { name: 'Discard job #11 (notify_event)' }));
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    const alert = await within(rows()[1] as HTMLElement).findByRole('alert');
    expect(alert).toHaveTextContent('Not discarded: The job is running; try again when it has finished.');
    expect(within(rows()[0] as HTMLElement).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('loads more jobs', async () => {
    const { api, user } = setup('/admin/jobs', [job()], 'c2');
    await screen.findByRole('table', {}, { timeout: 5000 });
    api.on('GET', '/api/v1/admin/jobs', (req) =>
      json({ items: new URL(req.url).searchParams.get('cursor') === 'c2' ? [job({ id: 4, kind: 'notify_event' })] : [], next_cursor: null }),
    );
    await user.click(screen.getByRole('button', { name: 'Load more jobs' }));
    expect(await screen.findByText('notify_event')).toBeInTheDocument();
    expect(rows()).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more jobs' })).not.toBeInTheDocument();
  });

  it('says background work is healthy when nothing failed', async () => {
    setup('/admin/jobs', []);
    expect(await screen.findByText('No failed jobs — background work is healthy', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('offers a retry when jobs cannot be loaded', async () => {
    const api = mockApi();
    signedInAs(api, makeUser({ role: 'admin' }));
    api.once('GET', '/api/v1/admin/jobs', problem(503, 'The job runner is not available.'));
    api.on('GET', '/api/v1/admin/jobs', json({ items: [], next_cursor: null }));
    const { user } = renderWithProviders(<JobsPage />, { route: '/admin/jobs', path: '/admin/jobs' });
    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('The job runner is not available.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No failed jobs — background work is healthy')).toBeInTheDocument();
  });
});
