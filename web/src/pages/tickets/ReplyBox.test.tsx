import { act, screen, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { ReplyBox, type ReplyBoxHandle } from './ReplyBox';
import { makeComment, makeTicket } from './testing';
import { draftKey } from './useDraft';

const me = makeUser({ id: 1, name: 'Me Myself' });

afterEach(() => localStorage.clear());

function setup() {
  const api = mockApi();
  api.on('GET', '/api/v1/tickets/7/comments', json({ items: [], next_cursor: null }));
  api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7 })));
  const ref = createRef<ReplyBoxHandle>();
  const r = renderWithProviders(<ReplyBox ref={ref} ticketId={7} me={me} requesterName="Rita Requester" />);
  r.queryClient.setQueryData(queryKeys.ticketComments(7), []);
  return { ...r, api, ref };
}

describe('ReplyBox', () => {
  it('switches between public reply and internal note, and says which', async () => {
    const { user, container } = setup();
    expect(screen.getByRole('radio', { name: 'Public reply' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toBeInTheDocument();
    expect(screen.getByText(/Rita Requester will see this reply/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send public reply' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Internal note' }));
    expect(screen.getByRole('textbox', { name: 'Internal note' })).toBeInTheDocument();
    expect(screen.getByText(/Only agents and admins see internal notes/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add internal note' })).toBeInTheDocument();
    expect(container.querySelector('.reply-box')).toHaveClass('reply-box-note');
  });

  it('keeps one draft per mode, saved as it is typed and restored on reload', async () => {
    const first = setup();
    await first.user.type(screen.getByRole('textbox', { name: 'Public reply' }), 'Dear Rita');
    await first.user.click(screen.getByRole('radio', { name: 'Internal note' }));
    expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveValue('');
    await first.user.type(screen.getByRole('textbox', { name: 'Internal note' }), 'She is a VIP');
    expect(screen.getByText(/Draft saved on this device/)).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem(draftKey(1, 7, 'public')) ?? '{}').body).toBe('Dear Rita');
    first.unmount();

    const again = setup();
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveValue('Dear Rita');
    await again.user.click(screen.getByRole('radio', { name: 'Internal note' }));
    expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveValue('She is a VIP');
  });

  it('sends, then clears the box and the draft', async () => {
    const { api, user, queryClient } = setup();
    api.on('POST', '/api/v1/tickets/7/comments', json(makeComment({ id: 9, body: 'Fixed it', internal: true }), 201));
    await user.click(screen.getByRole('radio', { name: 'Internal note' }));
    await user.type(screen.getByRole('textbox', { name: 'Internal note' }), 'Fixed it');
    await user.click(screen.getByRole('button', { name: 'Add internal note' }));
    expect(api.callsTo('POST', '/api/v1/tickets/7/comments')[0]?.body).toEqual({ body: 'Fixed it', internal: true });
    expect(await screen.findByText('Internal note added.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveValue('');
    expect(localStorage.getItem(draftKey(1, 7, 'note'))).toBeNull();
    expect(queryClient.getQueryData(queryKeys.ticketComments(7))).toBeDefined();
  });

  it('gives the text back with a clear message when sending fails', async () => {
    const { api, user, queryClient } = setup();
    api.on('POST', '/api/v1/tickets/7/comments', problem(503, 'The server is busy.'));
    await user.type(screen.getByRole('textbox', { name: 'Public reply' }), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send public reply' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your reply was not sent');
    expect(alert).toHaveTextContent('The server is busy. Your text is back in the box');
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveValue('Hello');
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveFocus();
    expect(JSON.parse(localStorage.getItem(draftKey(1, 7, 'public')) ?? '{}').body).toBe('Hello');
    expect(queryClient.getQueryData(queryKeys.ticketComments(7))).toEqual([]);
  });

  it('refuses to send an empty reply', async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Send public reply' }));
    expect(screen.getByText('Write something before sending.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('POST', '/api/v1/tickets/7/comments')).toHaveLength(0);
  });

  it('sends with Ctrl+Enter', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/tickets/7/comments', json(makeComment({ id: 9 }), 201));
    await user.type(screen.getByRole('textbox', { name: 'Public reply' }), 'Quick');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/tickets/7/comments')).toHaveLength(1));
  });

  it('previews the Markdown', async () => {
    const { user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Public reply' }), '# Heading{Enter}{Enter}**bold**');
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByRole('tab', { name: 'Preview' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('heading', { name: 'Heading' })).toBeInTheDocument();
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Write' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toBeVisible();
  });

  it('says when there is nothing to preview', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByText('Nothing to preview yet.')).toBeInTheDocument();
  });

  it('focus(mode) switches mode and focuses the box', async () => {
    const { ref } = setup();
    act(() => ref.current?.focus('note'));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveFocus());
    act(() => ref.current?.focus('public'));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveFocus());
  });
});
