import type { User } from '@/api/types';
import type { components } from '@/api/schema.gen';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { CopyButton } from '@/ui/CopyButton';
import { DateTime } from '@/ui/DateTime';
import { Dialog } from './Dialog';

type ResetLink = components['schemas']['ResetLink'];

export interface ResetLinkDialogProps {
  user: User;
  link: ResetLink;
  onClose: () => void;
}

// ResetLinkDialog shows a just-issued password reset link, once: it is not
// kept anywhere, so closing the dialog forgets it.
export function ResetLinkDialog({ user, link, onClose }: ResetLinkDialogProps) {
  return (
    <Dialog title={`Password link for ${user.name}`} onClose={onClose} initialFocus=".dialog-body button">
      <Alert tone="warning">
        <p>This link is shown only now. Copy it and send it to {user.email} yourself; anyone with it can set their password.</p>
      </Alert>
      <code className="secret admin-reset-link" aria-label="Password reset link">
        {link.reset_url}
      </code>
      <p className="admin-muted">
        It works once, until <DateTime value={link.expires_at} />.
      </p>
      <div className="form-actions">
        <CopyButton text={link.reset_url} label="Copy link" />
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}
