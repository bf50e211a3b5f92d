import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { RequesterPanel } from './RequesterPanel';
import { makeTicket, query, ticketPage } from './testing';

describe('RequesterPanel', () => {
  it('shows the requester and their other tickets', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/users/50', json(makeUser({ id: 50, name: 'Rita Requester', time_zone: 'Europe/Paris', role: 'customer' })));
    api.on('GET', '/api/v1/tickets', json(ticketPage([makeTicket({ id: 7 }), makeTicket({ id: 3, subject: 'Old <i>problem</i>', status: 'solved' })])));
    renderWithProviders(<RequesterPanel ticket={makeTicket({ id: 7 })} />);
    expect(screen.getByText('Rita Requester')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'rita@example.com' })).toHaveAttribute('href', 'mailto:rita@example.com');
    expect(await screen.findByText('Europe/Paris')).toBeInTheDocument();
    const other = await screen.findByRole('link', { name: '#3 Old <i>problem</i>' });
    expect(other).toHaveAttribute('href', '/tickets/3');
    expect(screen.queryByRole('link', { name: /#7/ })).not.toBeInTheDocument();
    expect(screen.getByText('Solved')).toBeInTheDocument();
    expect(query(api.callsTo('GET', '/api/v1/tickets')[0]?.search ?? '')).toMatchObject({ requester: '50' });
  });

  it('says when this is their only ticket, and when loading failed', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/users/50', problem(404, 'Not found.'));
    api.on('GET', '/api/v1/tickets', json(ticketPage([makeTicket({ id: 7 })])));
    const { unmount } = renderWithProviders(<RequesterPanel ticket={makeTicket({ id: 7 })} />);
    expect(await screen.findByText('This is their only ticket.')).toBeInTheDocument();
    unmount();
    api.on('GET', '/api/v1/tickets', problem(500, 'Broken.'));
    renderWithProviders(<RequesterPanel ticket={makeTicket({ id: 7 })} />);
    expect(await screen.findByText('Their other tickets could not be loaded')).toBeInTheDocument();
  });
});
