import { useState, type FormEvent } from 'react';
import { fieldErrorMap } from '@/api/problem';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { TextAreaField } from '@/ui/TextAreaField';
import { useReply } from './queries';
import { useDraft } from './useDraft';
import { relabel, validateBody } from './validate';
import './portal.css';

export interface ReplyFormProps {
  ticketId: number;
  userId: number | undefined;
  // hint tells what a reply does, e.g. that it reopens a solved ticket.
  hint?: string;
}

// ReplyForm sends a public reply. What is typed is saved on this device as
// a draft until it is sent, so a reload never loses it.
export function ReplyForm({ ticketId, userId, hint }: ReplyFormProps) {
  const reply = useReply(ticketId);
  const draft = useDraft<string>(`reply:${userId ?? 'anon'}:${ticketId}`, '');
  const [clientError, setClientError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const serverErrors = fieldErrorMap(reply.error);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const problem = validateBody(draft.value, 'Write your reply before sending it.');
    setClientError(problem);
    setSent(false);
    if (problem) {
      form.querySelector<HTMLElement>('[name="body"]')?.focus();
      return;
    }
    reply.mutate(draft.value, {
      onSuccess: () => {
        draft.clear();
        setSent(true);
      },
    });
  }

  return (
    <form className="card portal-reply" onSubmit={submit} noValidate aria-labelledby="portal-reply-title">
      <h2 id="portal-reply-title">Reply</h2>
      <FormAlert error={reply.error} fields={['body']} title="Your reply was not sent" />
      {sent && <Alert tone="success">Your reply was sent.</Alert>}
      <TextAreaField
        label="Your reply"
        name="body"
        rows={5}
        hint={hint ?? 'Markdown works. Your draft is saved on this device until you send it.'}
        value={draft.value}
        onChange={(e) => {
          draft.set(e.target.value);
          if (clientError) setClientError(undefined);
          if (sent) setSent(false);
        }}
        error={clientError ?? relabel(serverErrors.body, 'Body', 'Your reply')}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={reply.isPending} busyLabel="Sending…">
          Send reply
        </Button>
        {draft.value.trim() !== '' && !reply.isPending && <p className="portal-draft-note">Draft saved on this device.</p>}
      </div>
    </form>
  );
}
