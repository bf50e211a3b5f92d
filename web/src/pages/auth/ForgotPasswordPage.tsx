import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fieldErrorMap } from '@/api/problem';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AuthCard } from './AuthCard';
import { useRequestPasswordReset } from './queries';

const fields = ['email'] as const;

// ForgotPasswordPage asks for a password reset link by email. The server
// never says whether the address has an account, so neither does the page.
export default function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const request = useRequestPasswordReset();
  const [missing, setMissing] = useState(false);
  const errors = fieldErrorMap(request.error);
  const footer = (
    <p>
      Remembered it? <Link to="/login">Sign in</Link>
    </p>
  );

  if (request.isSuccess) {
    return (
      <AuthCard title="Check your email" footer={footer}>
        <Alert tone="success" title="Reset link requested">
          <p>If an account exists for that address, we've sent a link to set a new password. It works once and expires soon.</p>
          <p>Ask your admin for a reset link if no email arrives.</p>
        </Alert>
      </AuthCard>
    );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get('email') ?? '').trim();
    setMissing(email === '');
    if (email === '') return;
    request.mutate({ email });
  }

  return (
    <AuthCard title="Reset your password" footer={footer}>
      <p>Enter the email address you sign in with and we'll send you a link to set a new password.</p>
      <FormAlert error={request.error} fields={fields} title="Could not send the link" />
      <form onSubmit={submit} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          error={missing ? 'Enter your email address.' : errors.email}
        />
        <Button type="submit" variant="primary" className="btn-block" busy={request.isPending} busyLabel="Sending…">
          Send reset link
        </Button>
      </form>
    </AuthCard>
  );
}
