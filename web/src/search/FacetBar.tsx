import { useId } from 'react';
import type { User } from '@/api/types';
import { formatCount } from '@/pages/tickets/filters';
import { labelFor, priorities, priorityLabel, statuses, statusLabel } from '@/pages/tickets/labels';
import { SearchCandidatesNote } from './SearchNotes';
import { hasValue, toggleValue } from './query';
import type { FacetValue, Facets } from './types';

interface Choice {
  // value is what the query says for it; aliases are other spellings.
  value: string;
  aliases: string[];
  label: string;
  count: number;
  capped: boolean;
}

function FacetGroup({ title, field, choices, query, onChange }: { title: string; field: string; choices: Choice[]; query: string; onChange: (q: string) => void }) {
  const id = useId();
  if (choices.length === 0) return null;
  return (
    <div className="facet-group" role="group" aria-labelledby={id}>
      <h3 id={id} className="facet-title">
        {title}
      </h3>
      <ul className="facet-list">
        {choices.map((c) => {
          const on = hasValue(query, field, [c.value, ...c.aliases]);
          return (
            <li key={c.value}>
              <button type="button" className="facet" aria-pressed={on} onClick={() => onChange(toggleValue(query, field, c.value, c.aliases))}>
                {on && (
                  <span className="facet-tick" aria-hidden="true">
                    ✓
                  </span>
                )}
                <span className="facet-label">{c.label}</span>{' '}
                <span className="facet-count">
                  {formatCount(c.count, c.capped)} <span className="visually-hidden">{c.count === 1 && !c.capped ? 'ticket' : 'tickets'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// ordered puts an enum facet's values in the enum's order, keeping those
// with tickets or already in the query.
function ordered(values: FacetValue[], order: readonly string[], labels: Record<string, string>, field: string, query: string): Choice[] {
  const by = new Map(values.map((v) => [v.value, v]));
  const known = order.filter((k) => by.has(k));
  const extra = values.map((v) => v.value).filter((v) => !order.includes(v));
  return [...known, ...extra]
    .map((k) => by.get(k))
    .filter((v): v is FacetValue => !!v && (v.count > 0 || hasValue(query, field, [v.value])))
    .map((v) => ({ value: v.value, aliases: [], label: labelFor(labels, v.value), count: v.count, capped: v.capped }));
}

function assignees(values: FacetValue[], staff: User[], me: User | undefined, query: string): Choice[] {
  const email = new Map(staff.map((u) => [String(u.id), u.email]));
  return values
    .map((v): Choice => {
      if (v.value === 'none') return { value: 'none', aliases: [], label: 'Unassigned', count: v.count, capped: v.capped };
      const mail = email.get(v.value);
      const aliases = [v.value, ...(String(me?.id) === v.value ? ['me'] : [])];
      const name = v.name || (mail ?? `User #${v.value}`);
      return {
        // An email reads better in the search box than an id.
        value: mail ?? v.value,
        aliases: mail ? aliases : aliases.slice(1),
        label: String(me?.id) === v.value ? `${name} (you)` : name,
        count: v.count,
        capped: v.capped,
      };
    })
    .filter((c) => c.count > 0 || hasValue(query, 'assignee', [c.value, ...c.aliases]));
}

export interface FacetBarProps {
  facets: Facets;
  query: string;
  onChange: (q: string) => void;
  staff: User[];
  me: User | undefined;
}

// FacetBar shows how a search's tickets split by status, priority and
// assignee. Each value is a toggle that adds it to the search or takes it
// out again ("pending" adds status:pending).
export function FacetBar({ facets, query, onChange, staff, me }: FacetBarProps) {
  return (
    <section className="facets" aria-label="Refine the search">
      <FacetGroup title="Status" field="status" query={query} onChange={onChange} choices={ordered(facets.status, statuses, statusLabel, 'status', query)} />
      <FacetGroup
        title="Priority"
        field="priority"
        query={query}
        onChange={onChange}
        choices={ordered(facets.priority, [...priorities].reverse(), priorityLabel, 'priority', query)}
      />
      <FacetGroup title="Assignee" field="assignee" query={query} onChange={onChange} choices={assignees(facets.assignee, staff, me, query)} />
      {facets.scope === 'newest_matches' && <SearchCandidatesNote />}
    </section>
  );
}
