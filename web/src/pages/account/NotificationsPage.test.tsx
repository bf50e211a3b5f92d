import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@/api/types';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import NotificationsPage from './NotificationsPage';

const allOn = { email_assigned: true, email_team_assigned: true, email_customer_reply: true, email_mention: true, email_ticket_replies: true };

function setup(role: Role) {
  const api = mockApi();
  signedInAs(api, makeUser({ role }));
  api.on('GET', '/api/v1/me/preferences', json(allOn));
  return { api, ...renderWithProviders(<NotificationsPage />, { route: '/account/notifications' }) };
}

describe('NotificationsPage', () => {
  it('offers staff the four staff emails', async () => {
    setup('agent');
    const group = await screen.findByRole('group', { name: 'Email me when…' });
    expect(within(group).getAllByRole('checkbox').map((c) => c.getAttribute('name'))).toEqual([
      'email_assigned',
      'email_team_assigned',
      'email_customer_reply',
      'email_mention',
    ]);
    expect(screen.getByRole('checkbox', { name: 'Someone @mentions me' })).toHaveAccessibleDescription(
      'A colleague writes @ and your name in an internal note or a reply.',
    );
    expect(screen.queryByRole('checkbox', { name: /agent replies/ })).not.toBeInTheDocument();
  });

  it('offers customers only the reply email', async () => {
    setup('customer');
    expect(await screen.findByRole('checkbox', { name: 'Email me when an agent replies to my tickets' })).toBeChecked();
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
  });

  it('saves every field and says so', async () => {
    const { api, user } = setup('agent');
    api.on('PUT', '/api/v1/me/preferences', (req) => req.json().then((b) => json(b)));
    await user.click(await screen.findByRole('checkbox', { name: 'A ticket is assigned to one of my teams' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('Your email preferences are saved.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/api/v1/me/preferences')[0]?.body).toEqual({ ...allOn, email_team_assigned: false });
    expect(screen.getByRole('checkbox', { name: 'A ticket is assigned to one of my teams' })).not.toBeChecked();
  });

  it('keeps the customer field the staff form does not show', async () => {
    const api = mockApi();
    signedInAs(api, makeUser({ role: 'admin' }));
    api.on('GET', '/api/v1/me/preferences', json({ ...allOn, email_ticket_replies: false }));
    api.on('PUT', '/api/v1/me/preferences', (req) => req.json().then((b) => json(b)));
    const { user } = renderWithProviders(<NotificationsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Someone @mentions me' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Your email preferences are saved.');
    expect(api.callsTo('PUT', '/api/v1/me/preferences')[0]?.body).toEqual({ ...allOn, email_mention: false, email_ticket_replies: false });
  });

  it('shows field errors on their checkbox', async () => {
    const { api, user } = setup('agent');
    api.on(
      'PUT',
      '/api/v1/me/preferences',
      problem(400, 'email_mention: is required', { code: 'invalid', errors: [{ field: 'email_mention', message: 'is required' }] }),
    );
    await user.click(await screen.findByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Check the highlighted fields');
    const box = screen.getByRole('checkbox', { name: 'Someone @mentions me' });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(expect.stringContaining('Email mention is required.'));
  });

  it('offers a retry when the preferences cannot be loaded', async () => {
    const api = mockApi();
    signedInAs(api, makeUser({ role: 'agent' }));
    api.once('GET', '/api/v1/me/preferences', problem(503, 'The server is starting.'));
    api.on('GET', '/api/v1/me/preferences', json(allOn));
    const { user } = renderWithProviders(<NotificationsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server is starting.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('checkbox', { name: 'A ticket is assigned to me' })).toBeChecked();
  });
});
