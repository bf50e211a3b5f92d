import { useId, useState, type FormEvent } from 'react';
import type { User } from '@/api/types';
import { Button } from '@/ui/Button';
import { priorities, priorityLabel, statuses, statusLabel } from './labels';
import type { BulkUpdatePatch } from './types';

export const maxBulk = 100;

type Action = 'assign' | 'status' | 'priority' | 'tag';

export interface BulkChange {
  update: BulkUpdatePatch;
  // describe says what was done, e.g. "Status set to Pending".
  describe: string;
}

export interface BulkBarProps {
  count: number;
  me: User;
  staff: User[];
  busy: boolean;
  onApply: (change: BulkChange) => void;
  onClear: () => void;
}

// BulkBar applies one change to every selected ticket: assign (to me or
// anyone), status, priority, or add a tag.
export function BulkBar({ count, me, staff, busy, onApply, onClear }: BulkBarProps) {
  const [action, setAction] = useState<Action>('assign');
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState<string>('open');
  const [priority, setPriority] = useState<string>('normal');
  const [tag, setTag] = useState('');
  const [problem, setProblem] = useState('');
  const actionId = useId();
  const valueId = useId();
  const tooMany = count > maxBulk;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setProblem('');
    switch (action) {
      case 'assign': {
        if (assignee === '') {
          setProblem('Choose who to assign the tickets to.');
          return;
        }
        if (assignee === 'none') {
          onApply({ update: { assignee_id: null }, describe: 'Unassigned' });
          return;
        }
        const who = staff.find((u) => String(u.id) === assignee);
        onApply({ update: { assignee_id: Number(assignee) }, describe: `Assigned to ${who?.name ?? `user #${assignee}`}` });
        return;
      }
      case 'status':
        onApply({ update: { status: status as BulkUpdatePatch['status'] }, describe: `Status set to ${statusLabel[status as keyof typeof statusLabel]}` });
        return;
      case 'priority':
        onApply({
          update: { priority: priority as BulkUpdatePatch['priority'] },
          describe: `Priority set to ${priorityLabel[priority as keyof typeof priorityLabel]}`,
        });
        return;
      case 'tag': {
        const t = tag.trim();
        if (!t) {
          setProblem('Type the tag to add.');
          return;
        }
        onApply({ update: { add_tags: [t] }, describe: `Tag “${t}” added` });
        setTag('');
      }
    }
  }

  return (
    <section className="ticket-bulk" aria-label="Bulk actions">
      <p className="ticket-bulk-count">
        <strong>{count} selected</strong>
        <Button variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      </p>
      {tooMany ? (
        <p className="ticket-bulk-warning" role="alert">
          Bulk actions take at most {maxBulk} tickets at once. Unselect {count - maxBulk} to continue.
        </p>
      ) : (
        <div className="ticket-bulk-actions">
          <Button
            variant="secondary"
            busy={busy}
            onClick={() => onApply({ update: { assignee_id: me.id }, describe: 'Assigned to you' })}
          >
            Assign to me
          </Button>
          <form className="ticket-bulk-form" onSubmit={submit} aria-label="Bulk edit">
            <div className="ticket-filter">
              <label htmlFor={actionId} className="ticket-filter-label">
                Change
              </label>
              <select id={actionId} className="field-input" value={action} onChange={(e) => setAction(e.target.value as Action)}>
                <option value="assign">Assignee</option>
                <option value="status">Status</option>
                <option value="priority">Priority</option>
                <option value="tag">Add tag</option>
              </select>
            </div>
            <div className="ticket-filter">
              {action === 'tag' ? (
                <>
                  <label htmlFor={valueId} className="ticket-filter-label">
                    Tag to add
                  </label>
                  <input id={valueId} className="field-input" value={tag} onChange={(e) => setTag(e.target.value)} maxLength={50} />
                </>
              ) : (
                <>
                  <label htmlFor={valueId} className="ticket-filter-label">
                    {action === 'assign' ? 'Assign to' : action === 'status' ? 'New status' : 'New priority'}
                  </label>
                  {action === 'assign' && (
                    <select id={valueId} className="field-input" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                      <option value="">Choose an agent…</option>
                      <option value="none">Nobody (unassign)</option>
                      {staff.map((u) => (
                        <option key={u.id} value={String(u.id)}>
                          {u.id === me.id ? `${u.name} (you)` : u.name}
                        </option>
                      ))}
                    </select>
                  )}
                  {action === 'status' && (
                    <select id={valueId} className="field-input" value={status} onChange={(e) => setStatus(e.target.value)}>
                      {statuses.map((s) => (
                        <option key={s} value={s}>
                          {statusLabel[s]}
                        </option>
                      ))}
                    </select>
                  )}
                  {action === 'priority' && (
                    <select id={valueId} className="field-input" value={priority} onChange={(e) => setPriority(e.target.value)}>
                      {priorities.map((p) => (
                        <option key={p} value={p}>
                          {priorityLabel[p]}
                        </option>
                      ))}
                    </select>
                  )}
                </>
              )}
            </div>
            <Button type="submit" variant="primary" busy={busy} busyLabel="Applying…">
              Apply to {count}
            </Button>
          </form>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
