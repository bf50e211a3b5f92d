import { useState, type FormEvent } from 'react';
import { errorMessage } from '@/api/problem';
import { Button } from '@/ui/Button';
import { SelectField } from '@/ui/SelectField';
import { TextField } from '@/ui/TextField';
import { auditActions, auditTargetTypes, fromLocalInput, toLocalInput } from './auditFilter';
import { findUserByEmail, type AuditFilter } from './queries';

export interface AuditFiltersProps {
  value: AuditFilter;
  onApply: (filter: AuditFilter) => void;
  // lookup finds a user id by email; tests replace it.
  lookup?: (email: string) => Promise<{ id: number } | null>;
}

type Errors = Partial<Record<'actor' | 'since' | 'until', string>>;

// AuditFilters edits the audit log's filter; nothing is applied until the
// form is sent. The actor may be given as a user id or an email address,
// which is looked up.
export function AuditFilters({ value, onApply, lookup = findUserByEmail }: AuditFiltersProps) {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const next: AuditFilter = {};
    const errs: Errors = {};

    const actor = text('actor');
    if (actor.includes('@')) {
      setBusy(true);
      try {
        const user = await lookup(actor);
        if (user) next.actor = user.id;
        else errs.actor = `No user has the email ${actor}.`;
      } catch (err) {
        errs.actor = `The email could not be looked up: ${errorMessage(err)}`;
      } finally {
        setBusy(false);
      }
    } else if (/^\d{1,18}$/.test(actor) && Number(actor) > 0) {
      next.actor = Number(actor);
    } else if (actor) {
      errs.actor = 'Enter a user id (a number) or an email address.';
    }
    for (const k of ['action', 'target_type', 'target_id'] as const) {
      const v = text(k);
      if (v) next[k] = v;
    }
    const since = fromLocalInput(text('since'));
    const until = fromLocalInput(text('until'));
    if (text('since') && !since) errs.since = 'Enter a date and time.';
    if (text('until') && !until) errs.until = 'Enter a date and time.';
    if (since && until && since >= until) errs.until = 'Must be later than “From”.';
    if (since) next.since = since;
    if (until) next.until = until;

    setErrors(errs);
    const first = (['actor', 'since', 'until'] as const).find((k) => errs[k]);
    if (first) {
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    onApply(next);
  }

  function clear() {
    setErrors({});
    setFormKey((k) => k + 1);
    onApply({});
  }

  return (
    <form key={formKey} className="admin-filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => void submit(e)} noValidate>
      <TextField label="Actor (id or email)" name="actor" defaultValue={value.actor ? String(value.actor) : ''} autoComplete="off" error={errors.actor} />
      <TextField label="Action" name="action" placeholder="e.g. user.update" list="audit-actions" defaultValue={value.action ?? ''} autoComplete="off" />
      <datalist id="audit-actions">
        {auditActions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <SelectField label="Target type" name="target_type" defaultValue={value.target_type ?? ''}>
        <option value="">Any</option>
        {auditTargetTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </SelectField>
      <TextField label="Target id" name="target_id" defaultValue={value.target_id ?? ''} autoComplete="off" />
      <TextField label="From" name="since" type="datetime-local" defaultValue={toLocalInput(value.since)} error={errors.since} />
      <TextField label="Until" name="until" type="datetime-local" defaultValue={toLocalInput(value.until)} error={errors.until} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Looking up…">
          Apply filters
        </Button>
        <Button variant="ghost" onClick={clear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
