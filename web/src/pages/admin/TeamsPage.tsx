import { useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AdminNav } from './AdminNav';
import { useCreateTeam, useTeams } from './queries';
import { TeamItem } from './TeamItem';
import './admin.css';

const fields = ['name', 'description'] as const;

// TeamsPage lists teams; an admin creates, renames, describes and deletes
// them and manages who is in each.
export default function TeamsPage() {
  useDocumentTitle('Teams');
  const teams = useTeams();
  const create = useCreateTeam();
  const [notice, setNotice] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const errors = fieldErrorMap(create.error);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    if (!name) {
      setNameError('Enter a name for the team.');
      form.querySelector<HTMLElement>('[name="name"]')?.focus();
      return;
    }
    setNameError(undefined);
    create.mutate(
      { name, description },
      {
        onSuccess: (t) => {
          form.reset();
          setNotice(`Team ${t.name} was created. Open its members to add agents.`);
        },
      },
    );
  }

  return (
    <>
      <PageHeader title="Teams" description="Group agents so tickets can be routed to the people who handle them." />
      <AdminNav />
      {notice && <Alert tone="success">{notice}</Alert>}
      <form className="card admin-new-team" onSubmit={submit} noValidate aria-labelledby="new-team-title">
        <h2 id="new-team-title">New team</h2>
        <FormAlert error={create.error} fields={fields} title="The team was not created" />
        <TextField label="Name" name="name" required error={nameError ?? errors.name} />
        <TextField label="Description (optional)" name="description" error={errors.description} />
        <Button type="submit" variant="primary" busy={create.isPending} busyLabel="Creating…">
          Create team
        </Button>
      </form>
      {teams.isPending && <LoadingState label="Loading teams" />}
      {teams.isError && <ErrorState error={teams.error} title="Teams could not be loaded" onRetry={() => void teams.refetch()} />}
      {teams.data && teams.data.length === 0 && <EmptyState title="No teams yet">Create the first one above, then add its members.</EmptyState>}
      {teams.data && teams.data.length > 0 && (
        <ul className="admin-teams" aria-label="Teams">
          {teams.data.map((t) => (
            <TeamItem key={t.id} team={t} onDeleted={(team) => setNotice(`Team ${team.name} was deleted.`)} />
          ))}
        </ul>
      )}
    </>
  );
}
