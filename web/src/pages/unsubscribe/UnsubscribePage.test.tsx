import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import UnsubscribePage from './UnsubscribePage';

function setup(route = '/unsubscribe?token=tok%2Fen') {
  const api = mockApi();
  return { api, ...renderWithProviders(<UnsubscribePage />, { route, path: '/unsubscribe' }) };
}

describe('UnsubscribePage', () => {
  it('explains what stops and changes nothing until asked', async () => {
    const { api } = setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Unsubscribe from these emails' })).toBeInTheDocument();
    expect(screen.getByText(/This stops the kind of email that brought you here/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'your email preferences' })).toHaveAttribute('href', '/account/notifications');
    expect(api.callsTo('POST', '/api/v1/unsubscribe')).toHaveLength(0);
  });

  it('unsubscribes with the token and names what stopped', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/unsubscribe', json({ topic: 'email_ticket_replies' }));
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'You are unsubscribed' })).toBeInTheDocument();
    expect(screen.getByText('You will no longer get emails when an agent replies to your tickets.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/unsubscribe')[0]?.search).toBe('?token=tok%2Fen');
    expect(screen.getByRole('link', { name: 'your email preferences' })).toHaveAttribute('href', '/account/notifications');
  });

  it('says clearly when the link is not valid', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/unsubscribe', problem(400, 'The unsubscribe link is invalid.', { code: 'invalid' }));
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This unsubscribe link is not valid');
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).not.toBeInTheDocument();
  });

  it('says so at once when the link has no token', () => {
    setup('/unsubscribe');
    expect(screen.getByRole('alert')).toHaveTextContent('This unsubscribe link is not valid');
  });

  it('offers to try again when the server cannot be reached', async () => {
    const { api, user } = setup();
    api.once('POST', '/api/v1/unsubscribe', () => Promise.reject(new TypeError('offline')));
    api.on('POST', '/api/v1/unsubscribe', json({ topic: 'email_mention' }));
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You were not unsubscribed');
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByText('You will no longer get emails when someone @mentions you.')).toBeInTheDocument();
  });
});
