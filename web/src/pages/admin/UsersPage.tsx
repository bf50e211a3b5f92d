import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { User } from '@/api/types';
import type { components } from '@/api/schema.gen';
import { useMe } from '@/auth/useMe';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { SelectField } from '@/ui/SelectField';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AdminNav } from './AdminNav';
import { useIssueResetLink, useUsers, type UserFilter } from './queries';
import { ResetLinkDialog } from './ResetLinkDialog';
import { isRole, roleLabels, roles } from './roles';
import { UserCreateDialog } from './UserCreateDialog';
import { UserRow } from './UserRow';
import './admin.css';

type ResetLink = components['schemas']['ResetLink'];

export const searchDelayMs = 300;

function readFilter(params: URLSearchParams): UserFilter {
  const role = params.get('role') ?? '';
  const active = params.get('active') ?? '';
  return {
    q: params.get('q') ?? '',
    role: isRole(role) ? role : '',
    active: active === 'true' || active === 'false' ? active : '',
  };
}

// UsersPage lists users with search and filters, and lets an admin create
// (invite) users, change roles, deactivate and reactivate, and issue
// password reset links.
export default function UsersPage() {
  useDocumentTitle('Users');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const users = useUsers(filter);
  const [search, setSearch] = useState(filter.q);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const [resetFor, setResetFor] = useState<{ user: User; link: ResetLink } | null>(null);
  const [invited, setInvited] = useState<User | null>(null);
  const inviteLink = useIssueResetLink();

  // Typing in the search box updates the address (and so the list) after
  // a short pause.
  useEffect(() => {
    if (search === filter.q) return;
    const t = setTimeout(() => update({ q: search }), searchDelayMs);
    return () => clearTimeout(t);
    // update reads the latest params itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  function update(change: Partial<Record<keyof UserFilter, string>>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(change)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  }

  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = filter.q !== '' || filter.role !== '' || filter.active !== '';
  const count = (n: number) => (n === 1 ? '1 user' : `${n} users`);

  return (
    <>
      <PageHeader
        title="Users"
        description="Create and invite people, set what they may do, and lock out those who left."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New user
          </Button>
        }
      />
      <AdminNav />
      {notice && <Alert tone="success">{notice}</Alert>}
      {invited && (
        <Alert tone="info" title={`${invited.name} was created without a password`}>
          <p>They can sign in once they have chosen one. Create a one-time link and send it to them.</p>
          <p className="form-actions">
            <Button
              variant="primary"
              busy={inviteLink.isPending}
              busyLabel="Creating link…"
              onClick={() =>
                inviteLink.mutate(invited.id, {
                  onSuccess: (link) => {
                    setResetFor({ user: invited, link });
                    setInvited(null);
                  },
                })
              }
            >
              Create invitation link
            </Button>
            <Button variant="ghost" onClick={() => setInvited(null)}>
              Later
            </Button>
          </p>
          <FormAlert error={inviteLink.error} title="The link was not created" />
        </Alert>
      )}
      <form className="admin-filters" role="search" aria-label="Filter users" onSubmit={(e) => (e.preventDefault(), update({ q: search }))}>
        <TextField label="Search by name or email" name="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <SelectField label="Role" name="role" value={filter.role} onChange={(e) => update({ role: e.target.value })}>
          <option value="">All roles</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}s
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="active" value={filter.active} onChange={(e) => update({ active: e.target.value })}>
          <option value="">Everyone</option>
          <option value="true">Active</option>
          <option value="false">Deactivated</option>
        </SelectField>
      </form>

      <p className="visually-hidden" role="status" aria-live="polite">
        {users.isFetching && !users.isFetchingNextPage
          ? 'Loading users…'
          : users.data
            ? `${users.hasNextPage ? `Showing the first ${count(items.length)}` : `Showing ${count(items.length)}`}${filtered ? ' matching the filters' : ''}.`
            : ''}
      </p>
      {users.isPending && <LoadingState label="Loading users" />}
      {users.isError && !users.data && <ErrorState error={users.error} title="Users could not be loaded" onRetry={() => void users.refetch()} />}
      {users.data && items.length === 0 && (
        <EmptyState title={filtered ? 'No users match these filters' : 'No users yet'}>
          {filtered ? (
            <Button
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              Clear the filters
            </Button>
          ) : (
            <p>Create the first one with “New user”.</p>
          )}
        </EmptyState>
      )}
      {items.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                isMe={u.id === me.data?.id}
                onDone={(msg) => setNotice(msg)}
                onResetLink={(user, link) => setResetFor({ user, link })}
              />
            ))}
          </tbody>
        </table>
      )}
      {users.isFetchNextPageError && <FormAlert error={users.error} title="More users could not be loaded" />}
      {users.hasNextPage && (
        <div className="admin-more">
          <Button onClick={() => void users.fetchNextPage()} busy={users.isFetchingNextPage} busyLabel="Loading…">
            Load more users
          </Button>
        </div>
      )}

      {creating && (
        <UserCreateDialog
          onClose={() => setCreating(false)}
          onCreated={(u, withPassword) => {
            setCreating(false);
            setNotice(`${u.name} (${u.email}) was created as ${u.role === 'customer' ? 'a customer' : `an ${u.role}`}.`);
            setInvited(withPassword ? null : u);
          }}
        />
      )}
      {resetFor && <ResetLinkDialog user={resetFor.user} link={resetFor.link} onClose={() => setResetFor(null)} />}
    </>
  );
}
