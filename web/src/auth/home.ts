import type { Role } from '@/api/types';

// homeFor is where a user lands after signing in or visiting "/":
// customers in the portal, agents and admins in the ticket list.
export function homeFor(role: Role): string {
  return role === 'customer' ? '/portal' : '/tickets';
}

export const staffRoles: readonly Role[] = ['agent', 'admin'];

// safeNext returns next when it is a path on this site, so ?next= can never
// send someone to another origin after signing in.
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?') || next === '/register') return null;
  return next;
}
