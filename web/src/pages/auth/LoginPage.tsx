import { type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { fieldErrorMap } from '@/api/problem';
import { homeFor, safeNext } from '@/auth/home';
import { useLogin } from '@/auth/mutations';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AuthCard } from './AuthCard';

const fields = ['email', 'password'] as const;

// LoginPage signs a user in and sends them where they were going.
export default function LoginPage() {
  useDocumentTitle('Sign in');
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const location = useLocation();
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const next = safeNext(params.get('next'));
  const errors = fieldErrorMap(login.error);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    login.mutate(
      { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') },
      { onSuccess: (res) => navigate(next ?? homeFor(res.user.role), { replace: true }) },
    );
  }

  return (
    <AuthCard
      title="Sign in"
      footer={
        <p>
          New here? <Link to="/register">Create a customer account</Link>
        </p>
      }
    >
      {signedOut && !login.error && <Alert tone="success">You are signed out.</Alert>}
      {next && !signedOut && !login.error && <Alert tone="info">Sign in to continue.</Alert>}
      <FormAlert error={login.error} fields={fields} title="Could not sign in" />
      <form onSubmit={submit} noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus error={errors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <Button type="submit" variant="primary" className="btn-block" busy={login.isPending} busyLabel="Signing in…">
          Sign in
        </Button>
      </form>
      <p className="auth-aside">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </AuthCard>
  );
}
