import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, fieldErrorMap } from '@/api/problem';
import type { Team } from '@/api/types';
import { Button } from '@/ui/Button';
import { ConfirmButton } from '@/ui/ConfirmButton';
import { FormAlert } from '@/ui/FormAlert';
import { TextField } from '@/ui/TextField';
import { useDeleteTeam, useUpdateTeam } from './queries';
import { TeamMembers } from './TeamMembers';

export interface TeamItemProps {
  team: Team;
  onDeleted: (team: Team) => void;
}

// TeamItem is one team: its name and description (editable in place), its
// members behind a disclosure button, and deletion after a confirmation.
export function TeamItem({ team, onDeleted }: TeamItemProps) {
  const [editing, setEditing] = useState(false);
  const [showMembers, setShowMembers] = useState(false);
  const update = useUpdateTeam();
  const del = useDeleteTeam();
  const errors = fieldErrorMap(update.error);
  const membersId = `team-${team.id}-members`;
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Leaving the edit form puts focus back on the Edit button.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    update.mutate({ id: team.id, patch: { name, description } }, { onSuccess: () => setEditing(false) });
  }

  return (
    <li className="card admin-team">
      {editing ? (
        <form onSubmit={save} noValidate aria-label={`Edit team ${team.name}`}>
          <FormAlert error={update.error} fields={['name', 'description']} title="The team was not saved" />
          <TextField label="Name" name="name" defaultValue={team.name} required autoFocus error={errors.name} />
          <TextField label="Description" name="description" defaultValue={team.description} error={errors.description} />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={update.isPending} busyLabel="Saving…">
              Save
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                update.reset();
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="admin-team-header">
          <div className="admin-cell-main">
            <h2>{team.name}</h2>
            <p className="admin-team-description">{team.description || 'No description.'}</p>
          </div>
          <div className="admin-actions">
            <Button aria-expanded={showMembers} aria-controls={membersId} onClick={() => setShowMembers((v) => !v)}>
              {showMembers ? 'Hide members' : 'Members'}
            </Button>
            <button ref={editButton} type="button" className="btn btn-secondary" onClick={() => setEditing(true)} aria-label={`Edit team ${team.name}`}>
              Edit
            </button>
            <ConfirmButton
              question={`Delete ${team.name}? Its tickets stay, without a team.`}
              confirmLabel="Delete"
              accessibleName={`Delete team ${team.name}`}
              busy={del.isPending}
              onConfirm={() => del.mutate(team.id, { onSuccess: () => onDeleted(team) })}
            >
              Delete
            </ConfirmButton>
          </div>
        </div>
      )}
      {del.error && (
        <p className="field-error" role="alert">
          {errorMessage(del.error)}
        </p>
      )}
      <div id={membersId} hidden={!showMembers}>
        {showMembers && <TeamMembers team={team} />}
      </div>
    </li>
  );
}
