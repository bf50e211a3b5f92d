import { useId, useState } from 'react';
import { errorMessage } from '@/api/problem';
import type { Team, Ticket, User } from '@/api/types';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { labelFor, priorities, priorityLabel, statuses, statusLabel, ticketTypes, typeLabel } from './labels';
import { useUpdateTicket, type TicketChange } from './queries';
import { TagEditor } from './TagEditor';

interface FieldProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}

function Field({ label, value, options, onChange }: FieldProps) {
  const id = useId();
  return (
    <div className="ticket-field">
      <label htmlFor={id} className="ticket-field-label">
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

export interface SidePanelProps {
  ticket: Ticket;
  me: User;
  staff: User[];
  teams: Team[];
}

type Message = { tone: 'success'; text: string } | { tone: 'error'; title: string; text: string };

// SidePanel edits a ticket's fields. A change shows at once and is saved in
// the background; if the server refuses it, the field goes back to what it
// was and a message says so.
export function SidePanel({ ticket, me, staff, teams }: SidePanelProps) {
  const update = useUpdateTicket(ticket.id);
  const [message, setMessage] = useState<Message | null>(null);

  function change(c: TicketChange, was: string, now: string) {
    setMessage(null);
    update.mutate(c, {
      onSuccess: () => setMessage({ tone: 'success', text: `Saved: ${c.what} ${now}.` }),
      onError: (err) =>
        setMessage({
          tone: 'error',
          title: `The ${c.what} could not be changed`,
          text: `${errorMessage(err)} It is back to ${was}.`,
        }),
    });
  }

  const staffOptions = staff.map((u) => ({ value: String(u.id), label: u.id === me.id ? `${u.name} (you)` : u.name }));
  if (ticket.assignee && !staff.some((u) => u.id === ticket.assignee?.id)) {
    staffOptions.unshift({ value: String(ticket.assignee.id), label: ticket.assignee.name });
  }
  const teamId = ticket.team_id ?? null;
  const teamOptions = teams.map((t) => ({ value: String(t.id), label: t.name }));
  if (teamId !== null && !teams.some((t) => t.id === teamId)) teamOptions.unshift({ value: String(teamId), label: `Team #${teamId}` });
  const teamName = (id: number | null) => (id === null ? 'no team' : (teams.find((t) => t.id === id)?.name ?? `team #${id}`));
  const assigneeName = ticket.assignee ? ticket.assignee.name : 'nobody';

  function setAssignee(v: string) {
    if (v === '') {
      change({ patch: { assignee_id: null }, assignee: null, what: 'assignee' }, assigneeName, 'nobody');
      return;
    }
    const id = Number(v);
    const who = staff.find((u) => u.id === id);
    const name = who?.name ?? `user #${id}`;
    change({ patch: { assignee_id: id }, assignee: { id, name }, what: 'assignee' }, assigneeName, name);
  }

  const tags = ticket.tags ?? [];

  return (
    <section className="ticket-panel" aria-labelledby="ticket-panel-title">
      <h2 id="ticket-panel-title" className="ticket-panel-title">
        Ticket details
      </h2>
      <Field
        label="Status"
        value={ticket.status}
        options={statuses.map((s) => ({ value: s, label: statusLabel[s] }))}
        onChange={(v) =>
          change({ patch: { status: v as Ticket['status'] }, what: 'status' }, labelFor(statusLabel, ticket.status), labelFor(statusLabel, v))
        }
      />
      <Field
        label="Priority"
        value={ticket.priority}
        options={priorities.map((p) => ({ value: p, label: priorityLabel[p] }))}
        onChange={(v) =>
          change(
            { patch: { priority: v as Ticket['priority'] }, what: 'priority' },
            labelFor(priorityLabel, ticket.priority),
            labelFor(priorityLabel, v),
          )
        }
      />
      <Field
        label="Type"
        value={ticket.type}
        options={ticketTypes.map((t) => ({ value: t, label: typeLabel[t] }))}
        onChange={(v) => change({ patch: { type: v as Ticket['type'] }, what: 'type' }, labelFor(typeLabel, ticket.type), labelFor(typeLabel, v))}
      />
      <Field
        label="Assignee"
        value={ticket.assignee ? String(ticket.assignee.id) : ''}
        options={[{ value: '', label: 'Unassigned' }, ...staffOptions]}
        onChange={setAssignee}
      />
      {ticket.assignee?.id !== me.id && (
        <Button variant="secondary" className="ticket-assign-me" onClick={() => setAssignee(String(me.id))}>
          Assign to me
        </Button>
      )}
      <Field
        label="Team"
        value={teamId === null ? '' : String(teamId)}
        options={[{ value: '', label: 'No team' }, ...teamOptions]}
        onChange={(v) => {
          const next = v === '' ? null : Number(v);
          change({ patch: { team_id: next }, what: 'team' }, teamName(teamId), teamName(next));
        }}
      />
      <TagEditor
        tags={tags}
        onChange={(next, what) => change({ patch: { tags: next }, what: 'tags' }, tags.length ? tags.join(', ') : 'no tags', what)}
      />
      <div className="ticket-panel-status" aria-live="polite">
        {message?.tone === 'success' && <p className="ticket-saved">{message.text}</p>}
      </div>
      {message?.tone === 'error' && (
        <Alert tone="error" title={message.title}>
          <p>{message.text}</p>
        </Alert>
      )}
    </section>
  );
}
