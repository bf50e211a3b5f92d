import type { ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { HomeRedirect, PublicOnly, RequireAuth, RequireRole } from '@/auth/guards';
import { staffRoles } from '@/auth/home';
import { PageLoading } from './PageLoading';
import { RootLayout } from './RootLayout';
import { RouteError } from './RouteError';

type PageModule = { default: ComponentType };

// page turns a module with a default-exported component into a lazy route,
// so every page's code downloads only when it is first visited.
function page(load: () => Promise<PageModule>): RouteObject['lazy'] {
  return async () => ({ Component: (await load()).default });
}

// routes is the whole app. Guards (RequireAuth, RequireRole, PublicOnly)
// are pathless layout routes; every page and layout with UI is lazy.
// scripts/budget.mjs names the modules of /login and /tickets: keep it in
// step when they move.
export const routes: RouteObject[] = [
  {
    id: 'root',
    path: '/',
    Component: RootLayout,
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    children: [
      {
        Component: PublicOnly,
        children: [
          { path: 'login', lazy: page(() => import('@/pages/auth/LoginPage')) },
          { path: 'register', lazy: page(() => import('@/pages/auth/RegisterPage')) },
        ],
      },
      // Password reset works signed in too: a reset link may be opened in a
      // browser where someone (an admin who issued it, say) is signed in.
      { path: 'forgot-password', lazy: page(() => import('@/pages/auth/ForgotPasswordPage')) },
      { path: 'reset-password', lazy: page(() => import('@/pages/auth/ResetPasswordPage')) },
      // An email's unsubscribe link works without signing in: the token is the credential.
      { path: 'unsubscribe', lazy: page(() => import('@/pages/unsubscribe/UnsubscribePage')) },
      {
        Component: RequireAuth,
        children: [
          {
            lazy: page(() => import('@/shell/AppShell')),
            children: [
              { index: true, Component: HomeRedirect },
              {
                path: 'account',
                lazy: page(() => import('@/pages/account/AccountLayout')),
                children: [
                  { index: true, element: <Navigate to="password" replace /> },
                  { path: 'password', lazy: page(() => import('@/pages/account/PasswordPage')) },
                  { path: 'sessions', lazy: page(() => import('@/pages/account/SessionsPage')) },
                  { path: 'tokens', lazy: page(() => import('@/pages/account/TokensPage')) },
                  { path: 'notifications', lazy: page(() => import('@/pages/account/NotificationsPage')) },
                ],
              },
              {
                element: <RequireRole roles={staffRoles} />,
                children: [
                  { path: 'tickets', lazy: page(() => import('@/pages/tickets/TicketListPage')) },
                  { path: 'tickets/:id', lazy: page(() => import('@/pages/tickets/TicketPage')) },
                ],
              },
              {
                element: <RequireRole roles={['customer']} />,
                children: [
                  { path: 'portal', lazy: page(() => import('@/pages/portal/PortalHomePage')) },
                  { path: 'portal/tickets/new', lazy: page(() => import('@/pages/portal/NewTicketPage')) },
                  { path: 'portal/tickets/:id', lazy: page(() => import('@/pages/portal/PortalTicketPage')) },
                ],
              },
              {
                element: <RequireRole roles={['admin']} />,
                children: [
                  { path: 'admin', element: <Navigate to="users" replace /> },
                  { path: 'admin/users', lazy: page(() => import('@/pages/admin/UsersPage')) },
                  { path: 'admin/teams', lazy: page(() => import('@/pages/admin/TeamsPage')) },
                  { path: 'admin/audit', lazy: page(() => import('@/pages/admin/AuditPage')) },
                  { path: 'admin/jobs', lazy: page(() => import('@/pages/admin/JobsPage')) },
                ],
              },
              { path: '*', lazy: page(() => import('@/pages/NotFoundPage')) },
            ],
          },
        ],
      },
    ],
  },
];
