import { useEffect, useRef, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import type { Ticket } from '@/api/types';
import { sortOptions, type TicketSort } from './filters';
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
}

function sortOf(sort: TicketSort, column: string): 'ascending' | 'descending' | undefined {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return undefined;
}

// TicketTable is the ticket list: a table on wide screens and a stack of
// cards on phones. Explicit ARIA roles keep the table semantics when CSS
// turns rows into cards.
export function TicketTable({ tickets, selection, active, onActive, sort, from }: TicketTableProps) {
  const allRef = useRef<HTMLInputElement>(null);
  const selectedCount = selection.selected.length;
  const all = tickets.length > 0 && selectedCount === tickets.length;
  const some = selectedCount > 0 && !all;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  const sortLabel = sortOptions.find((o) => o.value === sort)?.label ?? '';

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
          <th role="columnheader" scope="col" aria-sort={sortOf(sort, 'id')}>
            #
          </th>
          <th role="columnheader" scope="col">
            Subject
          </th>
          <th role="columnheader" scope="col">
            Requester
          </th>
          <th role="columnheader" scope="col">
            Status
          </th>
          <th role="columnheader" scope="col" aria-sort={sortOf(sort, 'priority')}>
            Priority
          </th>
          <th role="columnheader" scope="col">
            Assignee
          </th>
          <th role="columnheader" scope="col" aria-sort={sortOf(sort, 'updated_at')}>
            Updated
          </th>
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
              <td role="cell" className="ticket-cell-id">
                #{t.id}
              </td>
              <td role="cell" className="ticket-cell-subject">
                <Link className="ticket-link" to={`/tickets/${t.id}`} state={{ from }} onFocus={() => onActive(i)}>
                  {t.subject}
                </Link>
              </td>
              <td role="cell" className="ticket-cell-requester" data-label="Requester">
                {t.requester.name}
              </td>
              <td role="cell" className="ticket-cell-status" data-label="Status">
                <StatusBadge status={t.status} />
              </td>
              <td role="cell" className="ticket-cell-priority" data-label="Priority">
                <PriorityText priority={t.priority} />
              </td>
              <td role="cell" className="ticket-cell-assignee" data-label="Assignee">
                {t.assignee ? t.assignee.name : <span className="ticket-muted">Unassigned</span>}
              </td>
              <td role="cell" className="ticket-cell-updated" data-label="Updated">
                <RelativeTime value={t.updated_at} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
