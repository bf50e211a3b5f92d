import type { AuditFilter } from './queries';

// The actions and target types the service records (internal/service),
// offered as suggestions; any other text is accepted too.
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_reset',
  'auth.password_reset_requested',
  'auth.refresh_reuse',
  'comment.create',
  'comment.edit',
  'session.revoke',
  'team.create',
  'team.delete',
  'team.member_add',
  'team.member_remove',
  'team.update',
  'ticket.create',
  'ticket.update',
  'token.create',
  'token.revoke',
  'user.create',
  'user.password_change',
  'user.password_reset_issued',
  'user.register',
  'user.update',
];
export const auditTargetTypes = ['ticket', 'comment', 'user', 'team', 'session', 'api_token'];

const keys = ['actor', 'action', 'target_type', 'target_id', 'since', 'until'] as const;

// readAuditFilter reads the applied filter from the address bar; values
// that cannot be right (a non-numeric actor, a bad time) are dropped.
export function readAuditFilter(params: URLSearchParams): AuditFilter {
  const f: AuditFilter = {};
  const actor = params.get('actor');
  if (actor && /^\d{1,18}$/.test(actor) && Number(actor) > 0) f.actor = Number(actor);
  for (const k of ['action', 'target_type', 'target_id'] as const) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  for (const k of ['since', 'until'] as const) {
    const v = params.get(k);
    if (v && !Number.isNaN(new Date(v).getTime())) f[k] = v;
  }
  return f;
}

// auditParams is the address-bar form of a filter.
export function auditParams(f: AuditFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of keys) {
    const v = f[k];
    if (v !== undefined && v !== '') p.set(k, String(v));
  }
  return p;
}

const pad = (n: number) => String(n).padStart(2, '0');

// toLocalInput turns an RFC 3339 time into an <input type=datetime-local>
// value in the reader's zone.
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// fromLocalInput turns a datetime-local value (the reader's zone) into
// RFC 3339 UTC; undefined for an empty or unreadable value.
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
