// The demo users that `triage seed` creates.
export const demoPassword = 'triage-demo-password';

export const demo = {
  admin: { role: 'admin', name: 'Alex Morgan', email: 'admin@example.com', password: demoPassword },
  agent: { role: 'agent', name: 'Sam Rivera', email: 'agent@example.com', password: demoPassword },
  customer: { role: 'customer', name: 'Casey Jordan', email: 'customer@example.com', password: demoPassword },
} as const;

export type Role = keyof typeof demo;
