import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { queryKeys } from '@/api/keys';
import type { Session } from '@/api/types';
import { ConfirmButton } from '@/ui/ConfirmButton';
import { DateTime } from '@/ui/DateTime';
import { FormAlert } from '@/ui/FormAlert';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { useRevokeSession, useSessions } from './queries';

// describeAgent turns a User-Agent header into "Firefox on Linux" or so;
// unknown agents are shown as they are.
export function describeAgent(ua: string): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl\//.test(ua)
            ? 'curl'
            : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? ua;
}

function SessionItem({ session, onRevoke, busy }: { session: Session; onRevoke: () => void; busy: boolean }) {
  const name = describeAgent(session.user_agent);
  return (
    <li className="list-item">
      <div className="list-item-main">
        <p className="list-item-title">
          {name} {session.current && <span className="badge badge-accent">This session</span>}
        </p>
        <p className="list-item-meta">
          {session.ip || 'Unknown address'} · signed in <DateTime value={session.created_at} /> · last active <DateTime value={session.last_seen_at} />
        </p>
      </div>
      <ConfirmButton
        question={session.current ? 'Sign out here?' : 'End this session?'}
        confirmLabel={session.current ? 'Sign out' : 'End session'}
        accessibleName={`${session.current ? 'Sign out of this session' : 'End session'}: ${name}`}
        busy={busy}
        onConfirm={onRevoke}
      >
        {session.current ? 'Sign out' : 'End session'}
      </ConfirmButton>
    </li>
  );
}

// SessionsPage lists where the user is signed in and ends sessions. Ending
// the current one signs this browser out.
export default function SessionsPage() {
  useDocumentTitle('Sessions');
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const qc = useQueryClient();
  const navigate = useNavigate();

  function end(s: Session) {
    revoke.mutate(s.id, {
      onSuccess: () => {
        if (!s.current) return;
        qc.clear();
        qc.setQueryData(queryKeys.me, null);
        navigate('/login', { replace: true, state: { signedOut: true } });
      },
    });
  }

  const active = sessions.data?.filter((s) => !s.revoked_at);
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p>These are the browsers and devices signed in to your account. End any you do not recognise, then change your password.</p>
      <FormAlert error={revoke.error} title="The session was not ended" />
      {sessions.isPending && <LoadingState label="Loading your sessions" />}
      {sessions.isError && <ErrorState error={sessions.error} title="Your sessions could not be loaded" onRetry={() => void sessions.refetch()} />}
      {active && active.length === 0 && <EmptyState title="No active sessions">Sign in from a browser and it will be listed here.</EmptyState>}
      {active && active.length > 0 && (
        <ul className="list" aria-label="Active sessions">
          {active.map((s) => (
            <SessionItem key={s.id} session={s} busy={revoke.isPending && revoke.variables === s.id} onRevoke={() => end(s)} />
          ))}
        </ul>
      )}
    </section>
  );
}
