import type { Role } from '@/api/types';

export const roleLabels: Record<Role, string> = { admin: 'Admin', agent: 'Agent', customer: 'Customer' };
export const roles: Role[] = ['agent', 'admin', 'customer'];

export function isRole(v: string): v is Role {
  return v === 'admin' || v === 'agent' || v === 'customer';
}
