import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { ReplyForm } from './ReplyForm';
import { makeComment } from './testData';
import { draftPrefix } from './useDraft';

afterEach(() => window.localStorage.clear());

function setup() {
  const api = mockApi();
  signedInAs(api, makeUser({ id: 5, role: 'customer' }));
  return api;
}

describe('ReplyForm', () => {
  it('refuses an empty reply without calling the server', async () => {
    const api = setup();
    const { user } = renderWithProviders(<ReplyForm ticketId={7} userId={5} />);
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    const box = screen.getByLabelText('Your reply');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(/Write your reply before sending it./);
    expect(box).toHaveFocus();
    expect(api.callsTo('POST', '/api/v1/tickets/7/comments')).toHaveLength(0);
  });

  it('sends a public reply, clears the draft and says so', async () => {
    const api = setup();
    api.on('POST', '/api/v1/tickets/7/comments', json(makeComment(), 201));
    const { user } = renderWithProviders(<ReplyForm ticketId={7} userId={5} />);
    await user.type(screen.getByLabelText('Your reply'), 'Thanks!');
    expect(window.localStorage.getItem(`${draftPrefix}reply:5:7`)).toBe('"Thanks!"');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Your reply was sent.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/tickets/7/comments')[0]?.body).toEqual({ body: 'Thanks!', internal: false });
    expect(screen.getByLabelText('Your reply')).toHaveValue('');
    expect(window.localStorage.getItem(`${draftPrefix}reply:5:7`)).toBeNull();
  });

  it('keeps the text and shows why when the server refuses', async () => {
    const api = setup();
    api.on('POST', '/api/v1/tickets/7/comments', problem(403, 'Closed tickets cannot be reopened; open a new ticket.', { code: 'forbidden' }));
    const { user } = renderWithProviders(<ReplyForm ticketId={7} userId={5} />);
    await user.type(screen.getByLabelText('Your reply'), 'Hello?');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Closed tickets cannot be reopened; open a new ticket.');
    expect(screen.getByLabelText('Your reply')).toHaveValue('Hello?');
  });

  it('shows a server field error under the box, in its words', async () => {
    const api = setup();
    api.on('POST', '/api/v1/tickets/7/comments', problem(400, 'Invalid.', { code: 'invalid', errors: [{ field: 'body', message: 'must not contain NUL characters' }] }));
    const { user } = renderWithProviders(<ReplyForm ticketId={7} userId={5} />);
    await user.type(screen.getByLabelText('Your reply'), 'x');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Your reply must not contain NUL characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Your reply')).toHaveAttribute('aria-invalid', 'true');
  });

  it('restores a saved draft', () => {
    setup();
    window.localStorage.setItem(`${draftPrefix}reply:5:7`, '"Where was I"');
    renderWithProviders(<ReplyForm ticketId={7} userId={5} hint="Replying reopens the ticket." />);
    expect(screen.getByLabelText('Your reply')).toHaveValue('Where was I');
    expect(screen.getByLabelText('Your reply')).toHaveAccessibleDescription('Replying reopens the ticket.');
    expect(screen.getByText('Draft saved on this device.')).toBeInTheDocument();
  });
});
