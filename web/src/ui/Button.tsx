import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  // busy disables the button and says why to screen readers, e.g. while a
  // form is being sent.
  busy?: boolean;
  busyLabel?: string;
}

// Button is every clickable action. It defaults to type="button" so a
// button inside a form never submits it by accident.
export function Button({ variant = 'secondary', busy = false, busyLabel, className, disabled, children, type = 'button', ...rest }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, className].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
