import { useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import type { components } from '@/api/schema.gen';
import { useMe } from '@/auth/useMe';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { usePreferences, useSavePreferences } from './queries';

type Prefs = components['schemas']['NotificationPreferences'];
type Topic = keyof Prefs;

interface Choice {
  name: Topic;
  label: string;
  hint: string;
}

// staffChoices and customerChoices are the emails each kind of user can
// get; the other fields are sent back unchanged.
export const staffChoices: Choice[] = [
  { name: 'email_assigned', label: 'A ticket is assigned to me', hint: 'Someone else makes you the assignee of a ticket.' },
  { name: 'email_team_assigned', label: 'A ticket is assigned to one of my teams', hint: 'A ticket moves to a team you are in.' },
  { name: 'email_customer_reply', label: 'A customer replies on a ticket assigned to me', hint: 'The requester writes back on one of your tickets.' },
  { name: 'email_mention', label: 'Someone @mentions me', hint: 'A colleague writes @ and your name in an internal note or a reply.' },
];
export const customerChoices: Choice[] = [
  {
    name: 'email_ticket_replies',
    label: 'Email me when an agent replies to my tickets',
    hint: 'The reply comes to your inbox, so you can answer without signing in to check.',
  },
];

export const fields: Topic[] = ['email_assigned', 'email_team_assigned', 'email_customer_reply', 'email_mention', 'email_ticket_replies'];

function Checkbox({ choice, checked, error, onChange }: { choice: Choice; checked: boolean; error?: string; onChange: (v: boolean) => void }) {
  const id = `pref-${choice.name}`;
  return (
    <div className={`pref-option${error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        name={choice.name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      <div className="pref-text">
        <label htmlFor={id} className="field-label">
          {choice.label}
        </label>
        <p id={`${id}-hint`} className="field-hint">
          {choice.hint}
        </p>
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function PreferencesForm({ initial, customer }: { initial: Prefs; customer: boolean }) {
  const [prefs, setPrefs] = useState(initial);
  const save = useSavePreferences();
  const errors = fieldErrorMap(save.error);
  const choices = customer ? customerChoices : staffChoices;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    save.mutate(prefs);
  }

  return (
    <form onSubmit={submit} noValidate>
      {save.isSuccess && !save.isPending && <Alert tone="success">Your email preferences are saved.</Alert>}
      <FormAlert error={save.error} fields={choices.map((c) => c.name)} title="Your preferences were not saved" />
      <fieldset className="pref-group">
        <legend className="field-label">Email me when…</legend>
        {choices.map((c) => (
          <Checkbox
            key={c.name}
            choice={c}
            checked={prefs[c.name]}
            error={errors[c.name]}
            onChange={(v) => {
              save.reset();
              setPrefs((p) => ({ ...p, [c.name]: v }));
            }}
          />
        ))}
      </fieldset>
      <Button type="submit" variant="primary" busy={save.isPending} busyLabel="Saving…">
        Save preferences
      </Button>
    </form>
  );
}

// NotificationsPage chooses which emails Triage sends the user. Staff
// choose among assignment, team, customer-reply and mention emails;
// customers whether agents' replies are emailed to them.
export default function NotificationsPage() {
  useDocumentTitle('Email notifications');
  const me = useMe().data;
  const prefs = usePreferences();
  const customer = me?.role === 'customer';

  return (
    <section aria-labelledby="prefs-title" className="account-form">
      <h2 id="prefs-title">Email notifications</h2>
      <p>
        {customer
          ? 'Choose whether Triage emails you about your tickets. You can always see every reply here.'
          : 'Choose which emails Triage sends you. The notification bell shows everything either way.'}
      </p>
      {prefs.isPending && <LoadingState label="Loading your preferences" />}
      {prefs.isError && <ErrorState error={prefs.error} title="Your preferences could not be loaded" onRetry={() => void prefs.refetch()} />}
      {prefs.data && me && <PreferencesForm initial={prefs.data} customer={customer} />}
    </section>
  );
}
