import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldErrorMap } from '@/api/problem';
import { useMe } from '@/auth/useMe';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { SelectField } from '@/ui/SelectField';
import { TextAreaField } from '@/ui/TextAreaField';
import { TextField } from '@/ui/TextField';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { useCreateTicket } from './queries';
import { isTicketType, ticketTypeOptions, type TicketType } from './ticketTypes';
import { useDraft } from './useDraft';
import { relabel, validateTicket, type TicketInput } from './validate';
import './portal.css';

const fields = ['subject', 'body', 'type'] as const;

interface NewTicketDraft {
  subject: string;
  body: string;
  type: string;
}

const emptyDraft: NewTicketDraft = { subject: '', body: '', type: 'question' };

// NewTicketPage is the form a customer opens a ticket with. It checks the
// fields before sending, puts the server's messages next to the fields
// they concern, and keeps a local draft until the ticket is sent.
export default function NewTicketPage() {
  useDocumentTitle('New ticket');
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateTicket();
  const draft = useDraft<NewTicketDraft>(`new-ticket:${me.data?.id ?? 'anon'}`, emptyDraft);
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof TicketInput, string>>>({});
  const serverErrors = fieldErrorMap(create.error);
  const { subject, body } = draft.value;
  const type: TicketType = isTicketType(draft.value.type) ? draft.value.type : 'question';

  function change(field: keyof NewTicketDraft, value: string) {
    draft.set({ ...draft.value, [field]: value });
    if (field in clientErrors) setClientErrors((e) => ({ ...e, [field]: undefined }));
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const errors = validateTicket({ subject, body });
    setClientErrors(errors);
    const first = fields.find((f) => f in errors && errors[f as keyof TicketInput]);
    if (first) {
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    create.mutate(
      { subject: subject.trim(), body, type },
      {
        onSuccess: (t) => {
          draft.clear();
          navigate(`/portal/tickets/${t.id}`, { state: { created: true } });
        },
        onError: () => {
          // Focus moves to the alert's first highlighted field, if any.
          setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
        },
      },
    );
  }

  const hasDraft = subject.trim() !== '' || body.trim() !== '';
  return (
    <>
      <PageHeader title="New ticket" description="Tell us what you need. We reply on the ticket's page, and you can answer there." />
      <form className="card portal-form" onSubmit={submit} noValidate aria-labelledby="new-ticket-form-title">
        <h2 id="new-ticket-form-title" className="visually-hidden">
          Your request
        </h2>
        <FormAlert error={create.error} fields={fields} title="Your ticket was not sent" />
        <TextField
          label="Subject"
          name="subject"
          required
          autoFocus
          autoComplete="off"
          hint="A short summary, e.g. “Invoice 1042 shows the wrong address”."
          value={subject}
          onChange={(e) => change('subject', e.target.value)}
          error={clientErrors.subject ?? serverErrors.subject}
        />
        <SelectField label="What kind of request is it?" name="type" value={type} onChange={(e) => change('type', e.target.value)} error={serverErrors.type}>
          {ticketTypeOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label="Description"
          name="body"
          required
          rows={8}
          hint="What happened, what you expected, and any error messages. Markdown works."
          value={body}
          onChange={(e) => change('body', e.target.value)}
          error={clientErrors.body ?? relabel(serverErrors.body, 'Body', 'Description')}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={create.isPending} busyLabel="Sending…">
            Send ticket
          </Button>
          <Link to="/portal">Cancel</Link>
          {hasDraft && <p className="portal-draft-note">Your draft is saved on this device until you send it.</p>}
        </div>
      </form>
    </>
  );
}
