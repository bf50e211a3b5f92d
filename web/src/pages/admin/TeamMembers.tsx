import { useState, type FormEvent } from 'react';
import { errorMessage } from '@/api/problem';
import type { Team } from '@/api/types';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { SelectField } from '@/ui/SelectField';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useAddMember, useRemoveMember, useStaff, useTeamMembers } from './queries';
import { roleLabels } from './roles';

// TeamMembers lists a team's members, removes them, and adds agents or
// admins picked from everyone on staff who is not a member yet.
export function TeamMembers({ team }: { team: Team }) {
  const members = useTeamMembers(team.id);
  const staff = useStaff();
  const add = useAddMember(team.id);
  const remove = useRemoveMember(team.id);
  const [pick, setPick] = useState('');
  const [announce, setAnnounce] = useState('');
  const [pickError, setPickError] = useState<string | undefined>();

  const memberIds = new Set((members.data ?? []).map((m) => m.id));
  const candidates = (staff.data ?? []).filter((u) => !memberIds.has(u.id));

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const user = candidates.find((u) => String(u.id) === pick);
    if (!user) {
      setPickError('Choose an agent to add.');
      return;
    }
    setPickError(undefined);
    add.mutate(user.id, {
      onSuccess: () => {
        setPick('');
        setAnnounce(`${user.name} was added to ${team.name}.`);
      },
    });
  }

  return (
    <section className="admin-team-members" aria-label={`Members of ${team.name}`}>
      <h3>Members</h3>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {members.isPending && <LoadingState label="Loading members" />}
      {members.isError && <ErrorState error={members.error} title="Members could not be loaded" onRetry={() => void members.refetch()} />}
      {members.data && members.data.length === 0 && (
        <EmptyState title="No members yet">Add agents below so this team's tickets reach them.</EmptyState>
      )}
      {members.data && members.data.length > 0 && (
        <ul className="list">
          {members.data.map((m) => (
            <li key={m.id} className="list-item">
              <div className="list-item-main">
                <p className="list-item-title">
                  {m.name} <span className="badge">{roleLabels[m.role]}</span>
                </p>
                <p className="list-item-meta">{m.email}</p>
              </div>
              <Button
                variant="danger"
                busy={remove.isPending && remove.variables === m.id}
                busyLabel="Removing…"
                aria-label={`Remove ${m.name} from ${team.name}`}
                onClick={() =>
                  remove.mutate(m.id, {
                    onSuccess: () => setAnnounce(`${m.name} was removed from ${team.name}.`),
                  })
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {remove.error && (
        <p className="field-error" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
      <form className="admin-add-member" onSubmit={submit} noValidate>
        <SelectField
          label={`Add an agent to ${team.name}`}
          name="user_id"
          value={pick}
          onChange={(e) => {
            setPick(e.target.value);
            setPickError(undefined);
          }}
          disabled={staff.isPending || candidates.length === 0}
          error={pickError}
        >
          <option value="">
            {staff.isPending ? 'Loading agents…' : candidates.length === 0 ? 'Everyone on staff is a member' : 'Choose an agent or admin'}
          </option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" busy={add.isPending} busyLabel="Adding…" disabled={candidates.length === 0}>
          Add
        </Button>
      </form>
      {staff.isError && <FormAlert error={staff.error} title="The list of agents could not be loaded" />}
      <FormAlert error={add.error} fields={['user_id']} title="The agent was not added" />
    </section>
  );
}
