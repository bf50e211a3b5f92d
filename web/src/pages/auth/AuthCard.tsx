import type { ReactNode } from 'react';
import './auth.css';

export interface AuthCardProps {
  title: string;
  children: ReactNode;
  // footer holds links to the other auth pages.
  footer?: ReactNode;
}

// AuthCard frames the pages seen before signing in: the product name and a
// centred card, inside the main landmark.
export function AuthCard({ title, children, footer }: AuthCardProps) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-brand">
        <img src="/favicon.svg" alt="" width="32" height="32" />
        <span>Triage</span>
      </div>
      <section className="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
      {footer && <div className="auth-footer">{footer}</div>}
    </main>
  );
}
