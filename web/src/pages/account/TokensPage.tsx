import { useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import type { APIToken, APITokenCreated } from '@/api/types';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { ConfirmButton } from '@/ui/ConfirmButton';
import { CopyButton } from '@/ui/CopyButton';
import { DateTime } from '@/ui/DateTime';
import { FormAlert } from '@/ui/FormAlert';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { useCreateToken, useRevokeToken, useTokens } from './queries';

const fields = ['name', 'expires_at'] as const;

// expiryFromDate turns an <input type=date> value into the end of that day
// in the user's zone, as RFC 3339; "" means the token never expires.
export function expiryFromDate(value: string): string | null {
  if (!value) return null;
  const d = new Date(`${value}T23:59:59`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// NewToken shows a just-created secret once, with a copy button.
function NewToken({ token, onDone }: { token: APITokenCreated; onDone: () => void }) {
  return (
    <div className="token-created">
      <Alert tone="success" title={`Token "${token.name}" created`}>
        <p>Copy it now: Triage shows it only once. Send it as "Authorization: Bearer &lt;token&gt;".</p>
        <code className="secret" aria-label="New API token">
          {token.token}
        </code>
        <p className="form-actions">
          <CopyButton text={token.token} label="Copy token" />
          <Button variant="ghost" onClick={onDone}>
            Done
          </Button>
        </p>
      </Alert>
    </div>
  );
}

function TokenItem({ token, onRevoke, busy }: { token: APIToken; onRevoke: () => void; busy: boolean }) {
  return (
    <li className="list-item">
      <div className="list-item-main">
        <p className="list-item-title">
          {token.name} <code>{token.prefix}…</code>
        </p>
        <p className="list-item-meta">
          Created <DateTime value={token.created_at} /> · last used <DateTime value={token.last_used_at} empty="never" /> · expires{' '}
          <DateTime value={token.expires_at} empty="never" />
        </p>
      </div>
      <ConfirmButton question="Revoke this token?" confirmLabel="Revoke" accessibleName={`Revoke token ${token.name}`} busy={busy} onConfirm={onRevoke}>
        Revoke
      </ConfirmButton>
    </li>
  );
}

// TokensPage creates, lists and revokes the user's API tokens.
export default function TokensPage() {
  useDocumentTitle('API tokens');
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<APITokenCreated | null>(null);
  const errors = fieldErrorMap(create.error);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    create.mutate(
      { name: String(form.get('name') ?? '').trim(), expires_at: expiryFromDate(String(form.get('expires_at') ?? '')) },
      {
        onSuccess: (tok) => {
          setCreated(tok);
          formEl.reset();
        },
      },
    );
  }

  const live = tokens.data?.filter((t) => !t.revoked_at);
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p>Tokens let scripts and other tools use the Triage API as you. Treat them like passwords.</p>
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      <form onSubmit={submit} noValidate className="card account-form" aria-labelledby="new-token-title">
        <h3 id="new-token-title">New token</h3>
        <FormAlert error={create.error} fields={fields} title="The token was not created" />
        <TextField label="Name" name="name" required hint="What the token is for, e.g. “CI deploy”." error={errors.name} />
        <TextField label="Expires on (optional)" name="expires_at" type="date" hint="Leave empty for a token that never expires." error={errors.expires_at} />
        <Button type="submit" variant="primary" busy={create.isPending} busyLabel="Creating…">
          Create token
        </Button>
      </form>
      <h3>Your tokens</h3>
      <FormAlert error={revoke.error} title="The token was not revoked" />
      {tokens.isPending && <LoadingState label="Loading your tokens" />}
      {tokens.isError && <ErrorState error={tokens.error} title="Your tokens could not be loaded" onRetry={() => void tokens.refetch()} />}
      {live && live.length === 0 && <EmptyState title="No API tokens yet">Create one above when a script needs to call the API.</EmptyState>}
      {live && live.length > 0 && (
        <ul className="list" aria-label="API tokens">
          {live.map((t) => (
            <TokenItem key={t.id} token={t} busy={revoke.isPending && revoke.variables === t.id} onRevoke={() => revoke.mutate(t.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
