import { useId, useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import type { Team, User } from '@/api/types';
import { sortChoices, sortFor } from '@/pages/tickets/filters';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { SelectField } from '@/ui/SelectField';
import { TextField } from '@/ui/TextField';
import { columnIds, columnLabel, type ColumnId } from './columns';
import { scopeLabel, validateView, type ViewErrors } from './compose';
import type { ViewInput, ViewScope, ViewSort } from './types';

const formFields = ['name', 'query', 'sort', 'columns', 'scope', 'team_id'] as const;

export interface SaveViewFormProps {
  // title is the form's heading, e.g. "Save this search as a view".
  title: string;
  submitLabel: string;
  initial: ViewInput;
  me: User;
  teams: Team[];
  // note explains what of the list the view cannot keep, if anything.
  note?: string;
  busy: boolean;
  // error is what the last save threw; its field messages show by the fields.
  error: unknown;
  onSubmit: (v: ViewInput) => void;
  onCancel: () => void;
}

// SaveViewForm names a search and picks its order, columns and (for
// admins) who else sees it. It checks what it can before sending.
export function SaveViewForm({ title, submitLabel, initial, me, teams, note, busy, error, onSubmit, onCancel }: SaveViewFormProps) {
  const titleId = useId();
  const [v, setV] = useState<ViewInput>(initial);
  const [local, setLocal] = useState<ViewErrors>({});
  const [tried, setTried] = useState(false);
  const server = fieldErrorMap(error);
  const isAdmin = me.role === 'admin';
  const errors: Record<string, string | undefined> = { ...server, ...(tried ? local : {}) };

  function set<K extends keyof ViewInput>(k: K, value: ViewInput[K]) {
    const next = { ...v, [k]: value };
    setV(next);
    if (tried) setLocal(validateView(next, isAdmin));
  }

  function toggleColumn(c: ColumnId, on: boolean) {
    const chosen = new Set(v.columns);
    if (on) chosen.add(c);
    else chosen.delete(c);
    set(
      'columns',
      columnIds.filter((x) => chosen.has(x)),
    );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = validateView(v, isAdmin);
    setTried(true);
    setLocal(found);
    if (Object.keys(found).length > 0) {
      const first = formFields.find((f) => f in found);
      if (first) document.querySelector<HTMLElement>(`[data-view-field="${first}"] input, [data-view-field="${first}"] select`)?.focus();
      return;
    }
    onSubmit({ ...v, name: v.name.trim(), query: v.query.trim(), team_id: v.scope === 'team' ? v.team_id : null });
  }

  const sorts = sortChoices(v.query);
  return (
    <section className="view-form" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <form onSubmit={submit} noValidate>
        <FormAlert error={error} fields={formFields} title="The view was not saved" />
        <div className="view-form-grid">
          <div data-view-field="name">
            <TextField label="Name" name="name" value={v.name} maxLength={200} autoFocus required error={errors.name} onChange={(e) => set('name', e.target.value)} />
          </div>
          <div data-view-field="query">
            <TextField
              label="Search"
              name="query"
              value={v.query}
              hint="In the search language; empty shows every ticket."
              spellCheck={false}
              autoComplete="off"
              error={errors.query}
              onChange={(e) => set('query', e.target.value)}
            />
          </div>
          <div data-view-field="sort">
            <SelectField label="Order" name="sort" value={v.sort} error={errors.sort} onChange={(e) => set('sort', e.target.value as ViewSort)}>
              <option value="">The search's own ({sorts.find((s) => s.value === sortFor(v.query))?.label.toLowerCase() ?? 'default'})</option>
              {sorts.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        {note && <p className="view-form-note">{note}</p>}
        <fieldset className="view-form-columns" data-view-field="columns" aria-describedby={errors.columns ? `${titleId}-columns-error` : undefined}>
          <legend>Columns</legend>
          <ul>
            {columnIds.map((c) => (
              <li key={c}>
                <label>
                  <input
                    type="checkbox"
                    name="columns"
                    value={c}
                    checked={c === 'subject' || v.columns.includes(c)}
                    disabled={c === 'subject'}
                    onChange={(e) => toggleColumn(c, e.target.checked)}
                  />{' '}
                  {columnLabel[c]}
                  {c === 'subject' && <span className="ticket-muted"> (always shown)</span>}
                </label>
              </li>
            ))}
          </ul>
          {errors.columns && (
            <p id={`${titleId}-columns-error`} className="field-error">
              {errors.columns}
            </p>
          )}
        </fieldset>
        {isAdmin && (
          <fieldset className="view-form-scope" data-view-field="scope">
            <legend>Who sees it</legend>
            {(['personal', 'team', 'everyone'] as ViewScope[]).map((s) => (
              <label key={s} className="view-form-radio">
                <input type="radio" name="scope" value={s} checked={v.scope === s} onChange={() => set('scope', s)} /> {scopeLabel[s]}
              </label>
            ))}
            {errors.scope && <p className="field-error">{errors.scope}</p>}
            {v.scope === 'team' && (
              <div data-view-field="team_id">
                <SelectField
                  label="Team"
                  name="team_id"
                  value={v.team_id ? String(v.team_id) : ''}
                  error={errors.team_id}
                  onChange={(e) => set('team_id', e.target.value ? Number(e.target.value) : null)}
                >
                  <option value="">Choose a team</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </SelectField>
              </div>
            )}
          </fieldset>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} busyLabel="Saving…">
            {submitLabel}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
