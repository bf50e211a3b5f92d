import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import UsersPage from './UsersPage';

const admin = makeUser({ id: 1, role: 'admin', name: 'Ada Admin', email: 'ada@example.com' });

function setup(items = [admin, makeUser({ id: 2, name: 'Alex Agent', role: 'agent' }), makeUser({ id: 3, name: 'Casey Customer', role: 'customer' })]) {
  const api = mockApi();
  signedInAs(api, admin);
  api.on('GET', '/api/v1/users', json({ items, next_cursor: null }));
  return api;
}

const render = (route = '/admin/users') => renderWithProviders(<UsersPage />, { route, path: '/admin/users' });
const row = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;

describe('UsersPage', () => {
  it('lists users with role and status, and marks me', async () => {
    setup();
    render();
    expect(await screen.findByText('Alex Agent')).toBeInTheDocument();
    expect(within(row('Ada Admin')).getByText('You')).toBeInTheDocument();
    // I cannot change my own role or deactivate myself here.
    expect(within(row('Ada Admin')).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(row('Ada Admin')).queryByRole('button', { name: /Deactivate/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Role of Alex Agent')).toHaveValue('agent');
    expect(within(screen.getByRole('table', { name: 'Users' })).getAllByText('Active')).toHaveLength(3);
    expect(screen.getByRole('status')).toHaveTextContent('Showing 3 users.');
    expect(screen.getByRole('navigation', { name: 'Admin' })).toBeInTheDocument();
    expect(document.title).toBe('Users · Triage');
  });

  it('searches after a pause and filters by role, in the address and the query', async () => {
    const api = setup();
    const { user } = render();
    await screen.findByText('Alex Agent');
    await user.type(screen.getByLabelText('Search by name or email'), 'al');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/admin/users?q=al'));
    await user.selectOptions(screen.getByLabelText('Role'), 'agent');
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/users?q=al&role=agent');
    await waitFor(() => {
      const q = new URLSearchParams(api.callsTo('GET', '/api/v1/users').at(-1)?.search);
      expect(q.get('q')).toBe('al');
      expect(q.get('role')).toBe('agent');
    });
    await user.selectOptions(screen.getByLabelText('Status'), 'false');
    await waitFor(() => expect(new URLSearchParams(api.callsTo('GET', '/api/v1/users').at(-1)?.search).get('active')).toBe('false'));
  });

  it('pages with the cursor', async () => {
    const api = mockApi();
    signedInAs(api, admin);
    api.once('GET', '/api/v1/users', json({ items: [makeUser({ name: 'Page Two' })], next_cursor: null }));
    api.once('GET', '/api/v1/users', json({ items: [makeUser({ name: 'Page One' })], next_cursor: 'p2' }));
    const { user } = render();
    expect(await screen.findByText('Page One')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Showing the first 1 user.');
    await user.click(screen.getByRole('button', { name: 'Load more users' }));
    expect(await screen.findByText('Page Two')).toBeInTheDocument();
    expect(new URLSearchParams(api.callsTo('GET', '/api/v1/users')[1]?.search).get('cursor')).toBe('p2');
  });

  it('offers to clear filters that match nobody', async () => {
    setup([]);
    const { user } = render('/admin/users?role=customer&q=zz');
    expect(await screen.findByText('No users match these filters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/users$/);
  });

  it('creates a user, showing the server field errors first', async () => {
    const api = setup();
    api.once(
      'POST',
      '/api/v1/users',
      problem(409, 'That email is taken.', { code: 'conflict', errors: [{ field: 'email', message: 'is already taken' }] }),
    );
    const { user } = render();
    await screen.findByText('Alex Agent');
    const opener = screen.getByRole('button', { name: 'New user' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'New user' });
    expect(within(dialog).getByLabelText('Email')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('Email'), 'bo@example.com');
    await user.type(within(dialog).getByLabelText('Name'), 'Bo');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'admin');
    await user.type(within(dialog).getByLabelText('Password (optional)'), 'a long enough password');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(dialog).findByText('Email is already taken.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');

    api.on('POST', '/api/v1/users', json(makeUser({ id: 9, name: 'Bo', email: 'bo2@example.com', role: 'admin' }), 201));
    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), 'bo2@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('Bo (bo2@example.com) was created as an admin.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(api.callsTo('POST', '/api/v1/users')[1]?.body).toEqual({ email: 'bo2@example.com', name: 'Bo', role: 'admin', password: 'a long enough password' });
  });

  it('invites a user created without a password with a one-time link', async () => {
    const api = setup();
    api.on('POST', '/api/v1/users', json(makeUser({ id: 9, name: 'Newbie', role: 'agent' }), 201));
    api.on('POST', '/api/v1/users/9/password-reset', json({ reset_url: 'https://triage.example/reset-password?token=abc', expires_at: '2030-01-01T00:00:00Z' }, 201));
    const { user } = render();
    await screen.findByText('Alex Agent');
    await user.click(screen.getByRole('button', { name: 'New user' }));
    await user.type(screen.getByLabelText('Email'), 'new@example.com');
    await user.type(screen.getByLabelText('Name'), 'Newbie');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(api.callsTo('POST', '/api/v1/users')[0]?.body).toEqual({ email: 'new@example.com', name: 'Newbie', role: 'agent' });
    await user.click(await screen.findByRole('button', { name: 'Create invitation link' }));
    const dialog = await screen.findByRole('dialog', { name: 'Password link for Newbie' });
    expect(within(dialog).getByText('https://triage.example/reset-password?token=abc')).toBeInTheDocument();
  });

  it('changes a role after choosing it and saving', async () => {
    const api = setup();
    api.on('PATCH', '/api/v1/users/2', json(makeUser({ id: 2, name: 'Alex Agent', role: 'admin' })));
    const { user } = render();
    const select = await screen.findByLabelText('Role of Alex Agent');
    await user.selectOptions(select, 'admin');
    expect(api.callsTo('PATCH', '/api/v1/users/2')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save role of Alex Agent' }));
    expect(await screen.findByText('Alex Agent is now an admin.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/api/v1/users/2')[0]?.body).toEqual({ role: 'admin' });
    expect(screen.getByLabelText('Role of Alex Agent')).toHaveValue('admin');
    expect(screen.queryByRole('button', { name: 'Save role of Alex Agent' })).not.toBeInTheDocument();
  });

  it('puts the role back and says why when the change is refused', async () => {
    const api = setup();
    api.on('PATCH', '/api/v1/users/2', problem(409, 'The last active admin cannot be demoted.', { code: 'conflict' }));
    const { user } = render();
    await user.selectOptions(await screen.findByLabelText('Role of Alex Agent'), 'customer');
    await user.click(screen.getByRole('button', { name: 'Save role of Alex Agent' }));
    expect(await within(row('Alex Agent')).findByRole('alert')).toHaveTextContent('The last active admin cannot be demoted.');
    expect(screen.getByLabelText('Role of Alex Agent')).toHaveValue('agent');
  });

  it('deactivates only after confirming, then offers reactivation', async () => {
    const api = setup();
    api.on('PATCH', '/api/v1/users/2', json(makeUser({ id: 2, name: 'Alex Agent', active: false })));
    const { user } = render();
    await user.click(await screen.findByRole('button', { name: 'Deactivate Alex Agent' }));
    expect(api.callsTo('PATCH', '/api/v1/users/2')).toHaveLength(0);
    const confirm = screen.getByRole('group', { name: 'Deactivate Alex Agent? They are signed out everywhere.' });
    await user.click(within(confirm).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('Alex Agent is deactivated.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/api/v1/users/2')[0]?.body).toEqual({ active: false });
    expect(within(row('Alex Agent')).getByText('Deactivated')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reactivate Alex Agent' })).toBeInTheDocument();
    // A deactivated user cannot use a reset link, so none is offered.
    expect(screen.queryByRole('button', { name: 'Password reset link for Alex Agent' })).not.toBeInTheDocument();
  });

  it('shows a password reset link once, with a copy button', async () => {
    const api = setup();
    api.on('POST', '/api/v1/users/2/password-reset', json({ reset_url: 'https://t.example/reset-password?token=s3cret', expires_at: '2030-01-01T00:00:00Z' }, 201));
    const { user } = render();
    const button = await screen.findByRole('button', { name: 'Password reset link for Alex Agent' });
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Password link for Alex Agent' });
    expect(within(dialog).getByLabelText('Password reset link')).toHaveTextContent('https://t.example/reset-password?token=s3cret');
    expect(within(dialog).getByText(/shown only now/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe('https://t.example/reset-password?token=s3cret');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByText(/token=s3cret/)).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });
});
