import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Team, User } from '@/api/types';
import { Button } from '@/ui/Button';
import { filterFields, hasFilters, noFilters, sortChoices, type FilterField, type TicketFilters, type TicketSort } from './filters';
import { labelFor, priorities, priorityLabel, statuses, statusLabel, ticketTypes, typeLabel, unsolved } from './labels';

interface Option {
  value: string;
  label: string;
}

// withCurrent adds the current value to a select's options when it is one
// the select does not list (e.g. "status=new,pending" from a link).
function withCurrent(options: Option[], value: string, describe: (v: string) => string): Option[] {
  if (!value || options.some((o) => o.value === value)) return options;
  return [...options, { value, label: describe(value) }];
}

function listLabel(labels: Record<string, string>) {
  return (v: string) =>
    v
      .split(',')
      .map((x) => labelFor(labels, x))
      .join(', ');
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: Option[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="ticket-filter">
      <label htmlFor={id} className="ticket-filter-label">
        {label}
      </label>
      <select id={id} className="field-input" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface FilterBarProps {
  filters: TicketFilters;
  onChange: (next: TicketFilters) => void;
  staff: User[];
  teams: Team[];
  // extra is shown at the end of the bar's header, e.g. the help button.
  extra?: ReactNode;
}

// FilterBar edits the list's filters and sort. Every change is a new URL,
// so back undoes it.
export function FilterBar({ filters, onChange, staff, teams, extra }: FilterBarProps) {
  const [open, setOpen] = useState(false);
  // The tag box follows the URL (back/forward, views) until typed in.
  const [tagState, setTagState] = useState({ from: filters.tag, text: filters.tag });
  if (tagState.from !== filters.tag) setTagState({ from: filters.tag, text: filters.tag });
  const tag = tagState.from === filters.tag ? tagState.text : filters.tag;
  const setTag = (text: string) => setTagState({ from: filters.tag, text });
  const bodyId = useId();
  const tagId = useId();

  const set = (k: FilterField | 'sort', v: string) => onChange({ ...filters, [k]: v });
  const active = filterFields.filter((k) => filters[k] !== '').length;

  function submitTag(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    set('tag', tag.trim());
  }

  const statusOptions = withCurrent(
    [{ value: '', label: 'Any status' }, { value: unsolved, label: 'Unsolved' }, ...statuses.map((s) => ({ value: s, label: statusLabel[s] }))],
    filters.status,
    listLabel(statusLabel),
  );
  const priorityOptions = withCurrent(
    [{ value: '', label: 'Any priority' }, ...priorities.map((p) => ({ value: p, label: priorityLabel[p] }))],
    filters.priority,
    listLabel(priorityLabel),
  );
  const typeOptions = withCurrent(
    [{ value: '', label: 'Any type' }, ...ticketTypes.map((t) => ({ value: t, label: typeLabel[t] }))],
    filters.type,
    listLabel(typeLabel),
  );
  const assigneeOptions = withCurrent(
    [
      { value: '', label: 'Anyone' },
      { value: 'me', label: 'Me' },
      { value: 'none', label: 'Unassigned' },
      ...staff.map((u) => ({ value: String(u.id), label: u.name })),
    ],
    filters.assignee,
    (v) => `User #${v}`,
  );
  const teamOptions = withCurrent(
    [
      { value: '', label: 'Any team' },
      { value: 'mine', label: 'My teams' },
      { value: 'none', label: 'No team' },
      ...teams.map((t) => ({ value: String(t.id), label: t.name })),
    ],
    filters.team,
    (v) => `Team #${v}`,
  );

  return (
    <section className="ticket-filters" aria-label="Filters" data-open={open}>
      <div className="ticket-filters-head">
        <button type="button" className="btn btn-secondary ticket-filters-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          Filters{active > 0 ? ` (${active})` : ''}
        </button>
        <Select label="Sort" value={filters.sort} options={sortChoices(filters.q)} onChange={(v) => set('sort', v as TicketSort)} />
        {extra}
      </div>
      <div id={bodyId} className="ticket-filters-body">
        <Select label="Status" value={filters.status} options={statusOptions} onChange={(v) => set('status', v)} />
        <Select label="Priority" value={filters.priority} options={priorityOptions} onChange={(v) => set('priority', v)} />
        <Select label="Type" value={filters.type} options={typeOptions} onChange={(v) => set('type', v)} />
        <Select label="Assignee" value={filters.assignee} options={assigneeOptions} onChange={(v) => set('assignee', v)} />
        <Select label="Team" value={filters.team} options={teamOptions} onChange={(v) => set('team', v)} />
        <Select
          label="Updated"
          value={filters.updated}
          options={[
            { value: '', label: 'Any time' },
            { value: '24h', label: 'In the last 24 hours' },
          ]}
          onChange={(v) => set('updated', v)}
        />
        <form className="ticket-filter ticket-filter-tag" onSubmit={submitTag}>
          <label htmlFor={tagId} className="ticket-filter-label">
            Tag
          </label>
          <div className="ticket-filter-tag-row">
            <input
              id={tagId}
              className="field-input"
              type="search"
              value={tag}
              placeholder="e.g. billing"
              onChange={(e) => setTag(e.target.value)}
              onBlur={() => {
                if (tag.trim() !== filters.tag) set('tag', tag.trim());
              }}
            />
            <Button type="submit" variant="secondary">
              Apply
            </Button>
          </div>
        </form>
        {hasFilters(filters) && (
          <div className="ticket-filter ticket-filter-clear">
            <Button variant="ghost" onClick={() => onChange({ ...noFilters, q: filters.q, sort: filters.sort })}>
              Clear filters
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
