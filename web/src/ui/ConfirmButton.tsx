import { useState, type ReactNode } from 'react';
import { Button, type ButtonVariant } from './Button';

export interface ConfirmButtonProps {
  // children label the first button, e.g. "Revoke".
  children: ReactNode;
  // question is asked before acting, e.g. "Revoke this token?".
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  variant?: ButtonVariant;
  // accessibleName names the first button when its label alone is vague,
  // e.g. "Revoke token CI deploy".
  accessibleName?: string;
}

// ConfirmButton asks once, in place, before a destructive action; no modal
// dialog, so focus stays where the user is.
export function ConfirmButton({ children, question, confirmLabel, onConfirm, busy, variant = 'danger', accessibleName }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant={variant} busy={busy} aria-label={accessibleName} onClick={() => setAsking(true)}>
        {children}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <Button
        variant={variant}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
