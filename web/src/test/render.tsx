import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { createMemoryRouter, MemoryRouter, Route, RouterProvider, Routes, useLocation, type RouteObject } from 'react-router';
import { api } from '@/api/client';
import { SessionWatcher } from '@/auth/SessionWatcher';

// testQueryClient never retries and never caches between tests, so each
// test sees exactly the answers it set up.
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity }, mutations: { retry: false } },
  });
}

// LocationProbe prints the current location so tests can assert redirects:
//   expect(screen.getByTestId('location')).toHaveTextContent('/login')
export function LocationProbe() {
  const loc = useLocation();
  return <div data-testid="location">{loc.pathname + loc.search}</div>;
}

export interface RenderOptions {
  // route is the starting URL, e.g. "/tickets?status=open".
  route?: string;
  // path is the route pattern the element is mounted at, e.g. "/tickets/:id",
  // so useParams works.
  path?: string;
  // extraRoutes are other routes to mount beside it, e.g. a stand-in for
  // the page a form navigates to.
  extraRoutes?: ReactNode;
  queryClient?: QueryClient;
}

export type RenderWithProvidersResult = RenderResult & { queryClient: QueryClient; user: ReturnType<typeof userEvent.setup> };

// renderWithProviders renders one component as the app would: with a fresh
// query cache, the session watcher and a MemoryRouter. A LocationProbe is
// always rendered.
export function renderWithProviders(ui: ReactElement, opts: RenderOptions = {}): RenderWithProvidersResult {
  const queryClient = opts.queryClient ?? testQueryClient();
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <SessionWatcher refresher={api.refresher} />
      <MemoryRouter initialEntries={[opts.route ?? '/']}>
        <Routes>
          <Route path={opts.path ?? '*'} element={ui} />
          {opts.extraRoutes}
        </Routes>
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, user };
}

// renderRoutes renders a route table (usually the app's own `routes`) in
// a memory data router, lazy routes and guards included.
export function renderRoutes(routes: RouteObject[], route = '/', queryClient = testQueryClient()) {
  const router = createMemoryRouter(routes, { initialEntries: [route] });
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <SessionWatcher refresher={api.refresher} />
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient, user };
}
