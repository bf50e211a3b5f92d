import { useState } from 'react';
import { errorMessage } from '@/api/problem';
import type { User } from '@/api/types';
import type { components } from '@/api/schema.gen';
import { Button } from '@/ui/Button';
import { ConfirmButton } from '@/ui/ConfirmButton';
import { DateTime } from '@/ui/DateTime';
import { useIssueResetLink, useUpdateUser } from './queries';
import { isRole, roleLabels, roles } from './roles';

type ResetLink = components['schemas']['ResetLink'];

export interface UserRowProps {
  user: User;
  // isMe marks the signed-in admin, who cannot demote or deactivate themself here.
  isMe: boolean;
  // onDone announces what changed, e.g. "Ada is now an admin."
  onDone: (message: string) => void;
  onResetLink: (user: User, link: ResetLink) => void;
}

// UserRow is one user in the admin table, with its role, status and
// actions: change role, deactivate or reactivate, issue a reset link.
export function UserRow({ user, isMe, onDone, onResetLink }: UserRowProps) {
  const update = useUpdateUser();
  const reset = useIssueResetLink();
  const [role, setRole] = useState(user.role);
  const error = update.error ?? reset.error;
  const roleChanged = role !== user.role;

  function saveRole() {
    reset.reset();
    update.mutate(
      { id: user.id, patch: { role } },
      {
        onSuccess: (u) => onDone(`${u.name} is now ${u.role === 'customer' ? 'a customer' : `an ${u.role}`}.`),
        onError: () => setRole(user.role),
      },
    );
  }

  function setActive(active: boolean) {
    reset.reset();
    update.mutate({ id: user.id, patch: { active } }, { onSuccess: (u) => onDone(`${u.name} is ${active ? 'reactivated' : 'deactivated'}.`) });
  }

  function issueLink() {
    update.reset();
    reset.mutate(user.id, { onSuccess: (link) => onResetLink(user, link) });
  }

  return (
    <tr className={user.active ? undefined : 'admin-inactive'}>
      <td className="admin-cell-main">
        <div>
          <strong>{user.name}</strong> {isMe && <span className="badge badge-accent">You</span>}
          <div className="admin-muted">{user.email}</div>
        </div>
      </td>
      <td data-label="Role">
        {isMe ? (
          <span>{roleLabels[user.role]}</span>
        ) : (
          <span className="admin-inline">
            <select
              className="field-input"
              aria-label={`Role of ${user.name}`}
              value={role}
              disabled={update.isPending}
              onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
            {roleChanged && (
              <>
                <Button variant="primary" onClick={saveRole} busy={update.isPending} busyLabel="Saving…" aria-label={`Save role of ${user.name}`}>
                  Save
                </Button>
                <Button variant="ghost" onClick={() => setRole(user.role)} disabled={update.isPending}>
                  Undo
                </Button>
              </>
            )}
          </span>
        )}
      </td>
      <td data-label="Status">
        <span className={`badge ${user.active ? 'admin-badge-active' : 'admin-badge-inactive'}`}>{user.active ? 'Active' : 'Deactivated'}</span>
      </td>
      <td data-label="Created" className="admin-nowrap">
        <DateTime value={user.created_at} />
      </td>
      <td data-label="Actions">
        <div className="admin-actions">
          {user.active && (
            <Button onClick={issueLink} busy={reset.isPending} busyLabel="Creating link…" aria-label={`Password reset link for ${user.name}`}>
              Reset link
            </Button>
          )}
          {!isMe &&
            (user.active ? (
              <ConfirmButton
                question={`Deactivate ${user.name}? They are signed out everywhere.`}
                confirmLabel="Deactivate"
                accessibleName={`Deactivate ${user.name}`}
                busy={update.isPending}
                onConfirm={() => setActive(false)}
              >
                Deactivate
              </ConfirmButton>
            ) : (
              <ConfirmButton
                question={`Reactivate ${user.name}? They can sign in again.`}
                confirmLabel="Reactivate"
                accessibleName={`Reactivate ${user.name}`}
                variant="secondary"
                busy={update.isPending}
                onConfirm={() => setActive(true)}
              >
                Reactivate
              </ConfirmButton>
            ))}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
      </td>
    </tr>
  );
}
