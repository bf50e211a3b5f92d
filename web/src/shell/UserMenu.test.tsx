import { screen } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, noContent } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { initials, UserMenu } from './UserMenu';

const ada = makeUser({ name: 'Ada Lovelace', email: 'ada@example.com', role: 'admin' });

function setup() {
  const api = mockApi().on('POST', '/api/v1/auth/logout', noContent());
  const r = renderWithProviders(
    <>
      <UserMenu user={ada} />
      <p>outside</p>
    </>,
    { route: '/tickets', path: '/tickets', extraRoutes: <Route path="/login" element={<p>login page</p>} /> },
  );
  return { api, ...r };
}

describe('UserMenu', () => {
  it('opens to show who is signed in and the account pages', async () => {
    const { user } = setup();
    const button = screen.getByRole('button', { name: /Ada Lovelace/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('navigation', { name: 'Account' })).not.toBeInTheDocument();

    await user.click(button);

    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('ada@example.com')).toBeInTheDocument();
    expect(screen.getByText('Administrator')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'API tokens' })).toHaveAttribute('href', '/account/tokens');
    expect(screen.getByRole('link', { name: 'Email notifications' })).toHaveAttribute('href', '/account/notifications');
  });

  it('closes on Escape and gives focus back to its button', async () => {
    const { user } = setup();
    const button = screen.getByRole('button', { name: /Ada Lovelace/ });
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('closes on a click outside and after following a link', async () => {
    const { user } = setup();
    const button = screen.getByRole('button', { name: /Ada Lovelace/ });
    await user.click(button);
    await user.click(screen.getByText('outside'));
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    await user.click(screen.getByRole('link', { name: 'Sessions' }));
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByTestId('location')).toHaveTextContent('/account/sessions');
  });

  it('signs out', async () => {
    const { user, api } = setup();
    await user.click(screen.getByRole('button', { name: /Ada Lovelace/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('login page')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/logout')).toHaveLength(1);
  });
});

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['grace', 'G'],
    ['  Jean  Baptiste  Clément ', 'JC'],
    ['', '?'],
  ])('initials(%j) is %j', (name, want) => {
    expect(initials(name)).toBe(want);
  });
});
