import { screen } from '@testing-library/react';
import { Link } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderRoutes } from '@/test/render';
import { PageLoading } from './PageLoading';
import { RootLayout } from './RootLayout';

describe('RootLayout', () => {
  it('shows a progress bar while the next page loads', async () => {
    mockApi();
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => {
      release = r;
    });
    const { user } = renderRoutes(
      [
        {
          path: '/',
          Component: RootLayout,
          children: [
            { index: true, element: <Link to="/next">next</Link> },
            { path: 'next', lazy: async () => (await slow, { Component: () => <p>next page</p> }) },
          ],
        },
      ],
      '/',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    await user.click(await screen.findByRole('link', { name: 'next' }));
    expect(await screen.findByRole('progressbar', { name: 'Loading page' })).toBeInTheDocument();
    release();
    expect(await screen.findByText('next page')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});

describe('PageLoading', () => {
  it('says the app is loading', () => {
    mockApi();
    renderRoutes([{ path: '/', Component: PageLoading }], '/');
    expect(screen.getByRole('status')).toHaveTextContent('Loading Triage…');
  });
});
