import { useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import type { Role, User } from '@/api/types';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { SelectField } from '@/ui/SelectField';
import { TextField } from '@/ui/TextField';
import { Dialog } from './Dialog';
import { useCreateUser } from './queries';
import { isRole, roleLabels, roles } from './roles';

const fields = ['email', 'name', 'role', 'password'] as const;
type Field = (typeof fields)[number];

export interface UserCreateDialogProps {
  onClose: () => void;
  // onCreated gets the new user, and whether a password was set (without
  // one they need a reset link to sign in).
  onCreated: (user: User, withPassword: boolean) => void;
}

// validate checks what the browser can before the server does.
export function validateNewUser(v: { email: string; name: string; password: string }): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!v.email.trim()) errors.email = 'Enter their email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(v.email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (!v.name.trim()) errors.name = 'Enter their name.';
  if (v.password && [...v.password].length < 12) errors.password = 'Use at least 12 characters, or leave it empty.';
  return errors;
}

// UserCreateDialog creates (invites) a user: with a password they can sign
// in at once; without one, an admin sends them a reset link.
export function UserCreateDialog({ onClose, onCreated }: UserCreateDialogProps) {
  const create = useCreateUser();
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const serverErrors = fieldErrorMap(create.error);
  const errorFor = (f: Field) => clientErrors[f] ?? serverErrors[f];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const name = String(data.get('name') ?? '').trim();
    const roleValue = String(data.get('role') ?? 'agent');
    const role: Role = isRole(roleValue) ? roleValue : 'agent';
    const password = String(data.get('password') ?? '');
    const errors = validateNewUser({ email, name, password });
    setClientErrors(errors);
    const first = fields.find((f) => errors[f]);
    if (first) {
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    create.mutate({ email, name, role, ...(password ? { password } : {}) }, { onSuccess: (u) => onCreated(u, password !== '') });
  }

  return (
    <Dialog title="New user" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormAlert error={create.error} fields={fields} title="The user was not created" />
        <TextField label="Email" name="email" type="email" autoComplete="off" required error={errorFor('email')} />
        <TextField label="Name" name="name" autoComplete="off" required error={errorFor('name')} />
        <SelectField label="Role" name="role" defaultValue="agent" error={errorFor('role')} hint="Agents work on tickets; admins also manage users, teams and the audit log.">
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Password (optional)"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Leave empty to invite them: you get a link they use to choose their own."
          error={errorFor('password')}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={create.isPending} busyLabel="Creating…">
            Create user
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
