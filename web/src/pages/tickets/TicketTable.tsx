import { useEffect, useRef, type ChangeEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Team, Ticket } from '@/api/types';
import { Snippet, SnippetText, snippetText } from '@/search/Snippet';
import { columnLabel, defaultColumns, type ColumnId } from '@/views/columns';
import { relevanceOption, sortOptions, type TicketSort } from './filters';
import { labelFor, typeLabel } from './labels';
import { RelativeTime } from './RelativeTime';
import { PriorityText, StatusBadge } from './TicketBadges';
import type { Selection } from './useSelection';

export interface TicketTableProps {
  tickets: Ticket[];
  selection: Selection;
  // active is the row j/k moved to (-1 for none).
  active: number;
  onActive: (index: number) => void;
  sort: TicketSort;
  // from is the list's URL, handed to the ticket page for its back link.
  from: string;
  // columns are the columns to show after the checkbox (a saved view's).
  columns?: readonly ColumnId[];
  // teams names the team column's values.
  teams?: readonly Team[];
}

// sortable maps a column to the sort field whose order it can show.
const sortable: Partial<Record<ColumnId, string>> = { id: 'id', priority: 'priority', created_at: 'created_at', updated_at: 'updated_at' };

function Subject({ t, from, onFocus }: { t: Ticket; from: string; onFocus: () => void }) {
  const s = t.snippet;
  // A hit in the subject is marked in the subject itself, when the snippet
  // is the whole subject; any other snippet shows under it.
  const inSubject = !!s && s.in === 'subject' && snippetText(s) === t.subject;
  return (
    <>
      <Link className="ticket-link" to={`/tickets/${t.id}`} state={{ from }} onFocus={onFocus}>
        {inSubject ? <SnippetText parts={s.parts} /> : t.subject}
      </Link>
      {s && !inSubject && s.parts.length > 0 && <Snippet snippet={s} />}
    </>
  );
}

function cell(c: ColumnId, t: Ticket, teams: ReadonlyMap<number, string>): ReactNode {
  switch (c) {
    case 'id':
      return `#${t.id}`;
    case 'requester':
      return t.requester.name;
    case 'status':
      return <StatusBadge status={t.status} />;
    case 'priority':
      return <PriorityText priority={t.priority} />;
    case 'type':
      return labelFor(typeLabel, t.type);
    case 'assignee':
      return t.assignee ? t.assignee.name : <span className="ticket-muted">Unassigned</span>;
    case 'team':
      return t.team_id ? (teams.get(t.team_id) ?? `Team #${t.team_id}`) : <span className="ticket-muted">No team</span>;
    case 'tags':
      return t.tags?.length ? t.tags.join(', ') : <span className="ticket-muted">No tags</span>;
    case 'created_at':
      return <RelativeTime value={t.created_at} />;
    case 'updated_at':
      return <RelativeTime value={t.updated_at} />;
    default:
      return null;
  }
}

// cellClass keeps the class names the list's styles (and phones' cards)
// know the default columns by.
const cellClass: Record<ColumnId, string> = {
  id: 'ticket-cell-id',
  subject: 'ticket-cell-subject',
  status: 'ticket-cell-status',
  priority: 'ticket-cell-priority',
  type: 'ticket-cell-type',
  requester: 'ticket-cell-requester',
  assignee: 'ticket-cell-assignee',
  team: 'ticket-cell-team',
  tags: 'ticket-cell-tags',
  created_at: 'ticket-cell-updated',
  updated_at: 'ticket-cell-updated',
};

function sortOf(sort: TicketSort, column: string): 'ascending' | 'descending' | undefined {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return undefined;
}

// TicketTable is the ticket list: a table on wide screens and a stack of
// cards on phones. Explicit ARIA roles keep the table semantics when CSS
// turns rows into cards.
export function TicketTable({ tickets, selection, active, onActive, sort, from, columns = defaultColumns, teams = [] }: TicketTableProps) {
  const allRef = useRef<HTMLInputElement>(null);
  const selectedCount = selection.selected.length;
  const all = tickets.length > 0 && selectedCount === tickets.length;
  const some = selectedCount > 0 && !all;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  const sortLabel = [relevanceOption, ...sortOptions].find((o) => o.value === sort)?.label ?? '';
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));

  function onCheck(t: Ticket, e: ChangeEvent<HTMLInputElement>) {
    const shift = (e.nativeEvent as MouseEvent).shiftKey === true;
    selection.toggle(t.id, e.target.checked, shift);
  }

  return (
    <table className="ticket-table" role="table">
      <caption className="visually-hidden">Tickets, sorted by {sortLabel.toLowerCase()}</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col" className="ticket-col-select">
            <input
              ref={allRef}
              type="checkbox"
              aria-label="Select all tickets on this page"
              checked={all}
              onChange={(e) => selection.setAll(e.target.checked)}
            />
          </th>
          {columns.map((c) => (
            <th key={c} role="columnheader" scope="col" aria-sort={sortable[c] ? sortOf(sort, sortable[c]) : undefined}>
              {c === 'id' ? '#' : columnLabel[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {tickets.map((t, i) => {
          const checked = selection.isSelected(t.id);
          const classes = ['ticket-row', i === active ? 'is-active' : '', checked ? 'is-selected' : ''].filter(Boolean).join(' ');
          return (
            <tr key={t.id} role="row" className={classes} data-ticket-id={t.id}>
              <td role="cell" className="ticket-cell-select">
                <input type="checkbox" aria-label={`Select ticket #${t.id}`} checked={checked} onChange={(e) => onCheck(t, e)} />
              </td>
              {columns.map((c) =>
                c === 'subject' ? (
                  <td key={c} role="cell" className="ticket-cell-subject">
                    <Subject t={t} from={from} onFocus={() => onActive(i)} />
                  </td>
                ) : (
                  <td key={c} role="cell" className={cellClass[c]} data-label={c === 'id' ? undefined : columnLabel[c]}>
                    {cell(c, t, teamNames)}
                  </td>
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
