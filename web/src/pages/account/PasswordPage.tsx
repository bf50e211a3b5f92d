import { useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { minPasswordLength } from '../auth/RegisterPage';
import { useChangePassword } from './queries';

const fields = ['current_password', 'new_password'] as const;

type LocalErrors = { new_password?: string; confirm?: string };

// checkNewPassword finds what the server would refuse, and a mismatched
// confirmation, before anything is sent.
export function checkNewPassword(next: string, confirm: string): LocalErrors {
  const out: LocalErrors = {};
  if (next.length < minPasswordLength) out.new_password = `Use at least ${minPasswordLength} characters.`;
  if (confirm !== next) out.confirm = 'The two new passwords differ. Type the same password twice.';
  return out;
}

// PasswordPage changes the signed-in user's password.
export default function PasswordPage() {
  useDocumentTitle('Change password');
  const change = useChangePassword();
  const [local, setLocal] = useState<LocalErrors>({});
  const server = fieldErrorMap(change.error);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const current = String(form.get('current_password') ?? '');
    const next = String(form.get('new_password') ?? '');
    const errs = checkNewPassword(next, String(form.get('confirm') ?? ''));
    setLocal(errs);
    if (Object.keys(errs).length > 0) return;
    change.mutate({ current_password: current, new_password: next }, { onSuccess: () => formEl.reset() });
  }

  return (
    <section aria-labelledby="password-title" className="account-form">
      <h2 id="password-title">Change password</h2>
      {change.isSuccess && (
        <Alert tone="success" title="Password changed">
          <p>Your other sessions have been signed out; this one stays signed in.</p>
        </Alert>
      )}
      <FormAlert error={change.error} fields={fields} title="Your password was not changed" />
      <form onSubmit={submit} noValidate>
        <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" required error={server.current_password} />
        <TextField
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          hint={`At least ${minPasswordLength} characters.`}
          error={local.new_password ?? server.new_password}
        />
        <TextField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={local.confirm} />
        <Button type="submit" variant="primary" busy={change.isPending} busyLabel="Changing…">
          Change password
        </Button>
      </form>
    </section>
  );
}
