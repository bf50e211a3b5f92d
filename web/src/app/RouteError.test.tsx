import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '@/test/api';
import { renderRoutes } from '@/test/render';
import { RouteError } from './RouteError';

function Thrower({ error }: { error: unknown }): never {
  throw error;
}

function renderError(error: unknown) {
  mockApi();
  // React Router reports the caught error on the console; it is expected here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  return renderRoutes([{ path: '/', element: <Thrower error={error} />, ErrorBoundary: RouteError }], '/');
}

describe('RouteError', () => {
  it('asks for a reload after a deploy removed the page code', async () => {
    renderError(new TypeError('Failed to fetch dynamically imported module: /assets/TicketPage-abc.js'));
    expect(await screen.findByRole('heading', { name: 'Triage has been updated' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('says something went wrong and offers the start page', async () => {
    renderError(new Error('boom'));
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
    expect(document.title).toBe('Something went wrong · Triage');
  });
});
