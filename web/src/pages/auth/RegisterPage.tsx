import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, fieldErrorMap } from '@/api/problem';
import { homeFor } from '@/auth/home';
import { useRegister } from '@/auth/mutations';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AuthCard } from './AuthCard';

const fields = ['name', 'email', 'password'] as const;
export const minPasswordLength = 12;

// registrationOff reports whether the server refused because sign-up is
// switched off, as opposed to a bad form.
export function registrationOff(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && err.code === 'unavailable';
}

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

// RegisterPage signs a customer up when the server allows it.
export default function RegisterPage() {
  useDocumentTitle('Create an account');
  const register = useRegister();
  const navigate = useNavigate();
  const [tooShort, setTooShort] = useState(false);
  const errors = fieldErrorMap(register.error);
  const footer = (
    <p>
      Already have an account? <Link to="/login">Sign in</Link>
    </p>
  );

  if (registrationOff(register.error)) {
    return (
      <AuthCard title="Create an account" footer={footer}>
        <Alert tone="warning" title="Sign-up is switched off">
          <p>{register.error?.message || 'This helpdesk does not let customers sign up by themselves. Ask the support team or an administrator to create an account for you.'}</p>
        </Alert>
      </AuthCard>
    );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password.length < minPasswordLength) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    const timeZone = browserTimeZone();
    register.mutate(
      {
        name: String(form.get('name') ?? '').trim(),
        email: String(form.get('email') ?? '').trim(),
        password,
        ...(timeZone ? { time_zone: timeZone } : {}),
      },
      { onSuccess: (res) => navigate(homeFor(res.user.role), { replace: true }) },
    );
  }

  return (
    <AuthCard title="Create an account" footer={footer}>
      <FormAlert error={register.error} fields={fields} title="Could not create your account" />
      <form onSubmit={submit} noValidate>
        <TextField label="Name" name="name" autoComplete="name" required autoFocus error={errors.name} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          hint={`At least ${minPasswordLength} characters.`}
          error={tooShort ? `Use at least ${minPasswordLength} characters.` : errors.password}
        />
        <Button type="submit" variant="primary" className="btn-block" busy={register.isPending} busyLabel="Creating your account…">
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
