import { screen, within } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import AccountLayout from './AccountLayout';

describe('AccountLayout', () => {
  it('heads the section and marks the current tab', () => {
    mockApi();
    renderWithProviders(<AccountLayout />, {
      route: '/account/tokens',
      path: '/account',
      extraRoutes: (
        <Route path="/account" element={<AccountLayout />}>
          <Route path="tokens" element={<p>tokens tab</p>} />
        </Route>
      ),
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Account settings' });
    expect(within(tabs).getByRole('link', { name: 'API tokens' })).toHaveAttribute('aria-current', 'page');
    expect(within(tabs).getByRole('link', { name: 'Password' })).not.toHaveAttribute('aria-current');
    expect(within(tabs).getByRole('link', { name: 'Notifications' })).toHaveAttribute('href', '/account/notifications');
    expect(screen.getByText('tokens tab')).toBeInTheDocument();
  });
});
