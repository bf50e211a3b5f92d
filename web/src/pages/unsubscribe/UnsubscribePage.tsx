import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '@/api/client';
import { ApiError } from '@/api/problem';
import type { components } from '@/api/schema.gen';
import { AuthCard } from '@/pages/auth/AuthCard';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { useDocumentTitle } from '@/ui/useDocumentTitle';

type Topic = components['schemas']['UnsubscribeResult']['topic'];

// topicText names what an unsubscribe stopped, to finish "You will no
// longer get …".
export const topicText: Record<Topic, string> = {
  email_assigned: 'emails when a ticket is assigned to you',
  email_team_assigned: 'emails when a ticket is assigned to one of your teams',
  email_customer_reply: 'emails when a customer replies on a ticket assigned to you',
  email_mention: 'emails when someone @mentions you',
  email_ticket_replies: 'emails when an agent replies to your tickets',
};

const preferencesLink = <Link to="/account/notifications">your email preferences</Link>;

// UnsubscribePage is where an email's "Unsubscribe" link leads
// (/unsubscribe?token=…). It needs no sign-in: the token says who and
// which emails. Nothing changes until the button is pressed, so a mail
// scanner following the link cannot unsubscribe anyone.
export default function UnsubscribePage() {
  useDocumentTitle('Unsubscribe');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const stop = useMutation({
    mutationFn: () => unwrap(api.client.POST('/api/v1/unsubscribe', { params: { query: { token } } })),
  });
  const invalid = token === '' || (stop.error instanceof ApiError && stop.error.status === 400);

  if (stop.isSuccess) {
    return (
      <AuthCard title="You are unsubscribed">
        <Alert tone="success" title="Unsubscribed">
          <p>You will no longer get {topicText[stop.data.topic] ?? 'this kind of email'}.</p>
        </Alert>
        <p>Changed your mind, or want to stop other emails? Sign in and change {preferencesLink}.</p>
      </AuthCard>
    );
  }

  if (invalid) {
    return (
      <AuthCard title="Unsubscribe">
        <Alert tone="error" title="This unsubscribe link is not valid">
          <p>It may have been cut short or changed. Copy the whole link from the email into the address bar, or sign in and change {preferencesLink}.</p>
        </Alert>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Unsubscribe from these emails">
      <p>
        This stops the kind of email that brought you here, for example mails about replies or assignments. Other emails, and what you see when
        you sign in to Triage, stay as they are.
      </p>
      <p>You can turn it back on at any time in {preferencesLink}.</p>
      <FormAlert error={stop.error} title="You were not unsubscribed" />
      <Button variant="primary" className="btn-block" onClick={() => stop.mutate()} busy={stop.isPending} busyLabel="Unsubscribing…">
        Unsubscribe
      </Button>
    </AuthCard>
  );
}
