import type { ReactNode } from 'react';
import { screen, within } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { makeUser, mockApi } from '@/test/api';
import { renderWithProviders, testQueryClient } from '@/test/render';
import AppShell from './AppShell';
import { ShellSidebar } from './ShellSidebar';

function renderShell(page: ReactNode, role: 'agent' | 'customer' | 'admin' = 'agent') {
  mockApi();
  const queryClient = testQueryClient();
  queryClient.setQueryData(queryKeys.me, makeUser({ role, name: 'Grace Hopper' }));
  return renderWithProviders(<AppShell />, {
    route: '/page',
    path: '/',
    queryClient,
    extraRoutes: (
      <Route element={<AppShell />}>
        <Route path="/page" element={page} />
      </Route>
    ),
  });
}

describe('AppShell', () => {
  it('frames the page with a skip link, a banner and the main landmark', () => {
    renderShell(<p>page body</p>);
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('banner')).toHaveTextContent('Triage');
    const main = screen.getByRole('main');
    expect(main).toHaveAttribute('id', 'main');
    expect(within(main).getByText('page body')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Grace Hopper/ })).toBeInTheDocument();
  });

  it('keeps the sidebar empty until a page fills it', () => {
    renderShell(<p>no views</p>);
    expect(document.querySelector('.shell-sidebar')).toBeEmptyDOMElement();
  });

  it('shows what a page puts in the sidebar', () => {
    renderShell(
      <>
        <ShellSidebar>
          <a href="/tickets?view=mine">My open tickets</a>
        </ShellSidebar>
        <p>list</p>
      </>,
    );
    const sidebar = screen.getByRole('complementary', { name: 'Views' });
    expect(within(sidebar).getByRole('link', { name: 'My open tickets' })).toBeInTheDocument();
  });

  it('renders nothing without a user', () => {
    mockApi();
    renderWithProviders(<AppShell />, { route: '/', path: '/' });
    expect(screen.queryByRole('banner')).not.toBeInTheDocument();
  });
});

describe('ShellSidebar', () => {
  it('renders nothing outside the shell', () => {
    mockApi();
    renderWithProviders(
      <ShellSidebar>
        <p>lost</p>
      </ShellSidebar>,
    );
    expect(screen.queryByText('lost')).not.toBeInTheDocument();
  });
});
