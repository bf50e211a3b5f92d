import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import type { Role } from '@/api/types';
import { ErrorState, LoadingState } from '@/ui/states';
import { homeFor, safeNext } from './home';
import { useMe } from './useMe';

// FullPage centres a loading or error state while there is no shell.
function FullPage({ children }: { children: ReactNode }) {
  return <div className="full-page">{children}</div>;
}

// RequireAuth renders its child routes for a signed-in user and sends
// everyone else to /login, remembering where they were going.
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.data === undefined) {
    if (me.isError) {
      return (
        <FullPage>
          <ErrorState error={me.error} title="Triage could not check who you are" onRetry={() => void me.refetch()} />
        </FullPage>
      );
    }
    return (
      <FullPage>
        <LoadingState label="Checking your session" />
      </FullPage>
    );
  }
  if (me.data === null) {
    const next = location.pathname + location.search + location.hash;
    const to = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}

// PublicOnly renders the sign-in and sign-up pages for visitors and sends
// a signed-in user on to where they were going, or home.
export function PublicOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.data) return <Navigate to={safeNext(params.get('next')) ?? homeFor(me.data.role)} replace />;
  // A failed session check (server down) still lets the form show; the
  // form's own request will say what is wrong.
  if (me.data === undefined && me.isPending) {
    return (
      <FullPage>
        <LoadingState label="Checking your session" />
      </FullPage>
    );
  }
  return <Outlet />;
}

// RequireRole renders its child routes only for the given roles and sends
// anyone else to their own home page. Use it inside RequireAuth.
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const me = useMe();
  if (!me.data) return null;
  if (!roles.includes(me.data.role)) return <Navigate to={homeFor(me.data.role)} replace />;
  return <Outlet />;
}

// HomeRedirect sends "/" to the signed-in user's home.
export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  return <Navigate to={homeFor(me.data.role)} replace />;
}
