import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fieldErrorMap } from '@/api/problem';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AuthCard } from './AuthCard';
import ForgotPasswordPage from './ForgotPasswordPage';
import { useConfirmPasswordReset } from './queries';
import { minPasswordLength } from './RegisterPage';

const fields = ['password'] as const;

type LocalErrors = { password?: string; confirm?: string };

// checkResetPassword finds a too-short password and a mismatched
// confirmation before anything is sent.
export function checkResetPassword(password: string, confirm: string): LocalErrors {
  const out: LocalErrors = {};
  if (password.length < minPasswordLength) out.password = `Use at least ${minPasswordLength} characters.`;
  if (confirm !== password) out.confirm = 'The two passwords differ. Type the same password twice.';
  return out;
}

const footer = (
  <p>
    <Link to="/login">Back to sign in</Link>
  </p>
);

// ResetPasswordPage sets a new password with the token from an emailed
// (or admin-issued) reset link: /reset-password?token=…. Without a token
// it offers to send a link instead.
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  if (!token) return <ForgotPasswordPage />;
  return <SetNewPassword token={token} />;
}

function SetNewPassword({ token }: { token: string }) {
  useDocumentTitle('Choose a new password');
  const confirm = useConfirmPasswordReset();
  const [local, setLocal] = useState<LocalErrors>({});
  const server = fieldErrorMap(confirm.error);

  if (confirm.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <Alert tone="success" title="Your password has been changed">
          <p>You have been signed out everywhere. Sign in again with your new password.</p>
        </Alert>
        <p>
          <Link to="/login">Sign in</Link>
        </p>
      </AuthCard>
    );
  }

  if (server.token) {
    return (
      <AuthCard title="Choose a new password" footer={footer}>
        <Alert tone="error" title="This reset link is invalid or has expired">
          <p>
            Reset links work once and only for a short while. <Link to="/forgot-password">Request a new link</Link>.
          </p>
        </Alert>
      </AuthCard>
    );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    const errs = checkResetPassword(password, String(form.get('confirm') ?? ''));
    setLocal(errs);
    if (Object.keys(errs).length > 0) return;
    confirm.mutate({ token, password });
  }

  return (
    <AuthCard title="Choose a new password" footer={footer}>
      <FormAlert error={confirm.error} fields={fields} title="Your password was not changed" />
      <form onSubmit={submit} noValidate>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          minLength={minPasswordLength}
          hint={`At least ${minPasswordLength} characters.`}
          error={local.password ?? server.password}
        />
        <TextField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={local.confirm} />
        <Button type="submit" variant="primary" className="btn-block" busy={confirm.isPending} busyLabel="Saving…">
          Set new password
        </Button>
      </form>
    </AuthCard>
  );
}
