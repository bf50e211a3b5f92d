import { screen } from '@testing-library/react';
import { Route } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import NewTicketPage from './NewTicketPage';
import { makeTicket } from './testData';
import { draftPrefix } from './useDraft';

const customer = makeUser({ id: 41, role: 'customer' });
const ticketRoute = <Route path="/portal/tickets/:id" element={<p>ticket page</p>} />;

function setup() {
  const api = mockApi();
  signedInAs(api, customer);
  return api;
}

afterEach(() => window.localStorage.clear());

describe('NewTicketPage', () => {
  it('checks the fields before sending and focuses the first problem', async () => {
    const api = setup();
    const { user } = renderWithProviders(<NewTicketPage />, { route: '/portal/tickets/new', path: '/portal/tickets/new' });
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));
    const subject = screen.getByLabelText('Subject');
    expect(subject).toHaveAttribute('aria-invalid', 'true');
    expect(subject).toHaveAccessibleDescription(/Enter a subject/);
    expect(subject).toHaveFocus();
    expect(screen.getByLabelText('Description')).toHaveAccessibleDescription(/Describe what you need/);
    expect(api.callsTo('POST', '/api/v1/tickets')).toHaveLength(0);

    await user.type(subject, 'Printer');
    expect(subject).not.toHaveAttribute('aria-invalid');
  });

  it('sends subject, type and description, then opens the new ticket', async () => {
    const api = setup();
    let release: () => void = () => {};
    api.on(
      'POST',
      '/api/v1/tickets',
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(json(makeTicket({ id: 77 }), 201));
        }),
    );
    const { user } = renderWithProviders(<NewTicketPage />, { route: '/portal/tickets/new', path: '/portal/tickets/new', extraRoutes: ticketRoute });
    await user.type(screen.getByLabelText('Subject'), '  Printer on fire ');
    await user.selectOptions(screen.getByLabelText('What kind of request is it?'), 'incident');
    await user.type(screen.getByLabelText('Description'), 'Flames everywhere.');
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));

    const busy = await screen.findByRole('button', { name: 'Sending…' });
    expect(busy).toBeDisabled();
    release();
    expect(await screen.findByText('ticket page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/portal/tickets/77');
    expect(api.callsTo('POST', '/api/v1/tickets')[0]?.body).toEqual({ subject: 'Printer on fire', body: 'Flames everywhere.', type: 'incident' });
    expect(window.localStorage.getItem(`${draftPrefix}new-ticket:41`)).toBeNull();
  });

  it('puts the server field errors next to their fields', async () => {
    const api = setup();
    api.on(
      'POST',
      '/api/v1/tickets',
      problem(400, 'Some fields are invalid.', {
        code: 'invalid',
        errors: [
          { field: 'subject', message: 'must be a single line' },
          { field: 'body', message: 'must not contain NUL characters' },
          { field: 'priority', message: 'only agents can set this' },
        ],
      }),
    );
    const { user } = renderWithProviders(<NewTicketPage />, { route: '/portal/tickets/new', path: '/portal/tickets/new' });
    await user.type(screen.getByLabelText('Subject'), 'Subject');
    await user.type(screen.getByLabelText('Description'), 'Body');
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));

    expect(await screen.findByText('Subject must be a single line.')).toBeInTheDocument();
    expect(screen.getByLabelText('Subject')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Description')).toHaveAccessibleDescription(/Description must not contain NUL characters/);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Your ticket was not sent');
    expect(alert).toHaveTextContent('Check the highlighted fields and try again.');
    expect(alert).toHaveTextContent('Priority only agents can set this.');
    expect(screen.getByRole('button', { name: 'Send ticket' })).toBeEnabled();
  });

  it('keeps a draft across visits until it is sent', async () => {
    setup();
    const first = renderWithProviders(<NewTicketPage />, { route: '/portal/tickets/new', path: '/portal/tickets/new' });
    await first.user.type(await screen.findByLabelText('Description'), 'Half written');
    expect(screen.getByText('Your draft is saved on this device until you send it.')).toBeInTheDocument();
    first.unmount();
    renderWithProviders(<NewTicketPage />, { route: '/portal/tickets/new', path: '/portal/tickets/new' });
    expect(await screen.findByDisplayValue('Half written')).toBeInTheDocument();
  });
});
