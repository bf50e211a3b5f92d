import { describe, expect, it } from 'vitest';
import { auditParams, fromLocalInput, readAuditFilter, toLocalInput } from './auditFilter';

describe('readAuditFilter', () => {
  it('reads good values and drops bad ones', () => {
    const f = readAuditFilter(
      new URLSearchParams('actor=12&action=user.update&target_type=user&target_id=7&since=2026-01-01T00:00:00Z&until=garbage&cursor=x'),
    );
    expect(f).toEqual({ actor: 12, action: 'user.update', target_type: 'user', target_id: '7', since: '2026-01-01T00:00:00Z' });
    expect(readAuditFilter(new URLSearchParams('actor=abc'))).toEqual({});
  });
});

describe('auditParams', () => {
  it('writes only the set values, in a stable order', () => {
    expect(auditParams({ target_type: 'team', actor: 3 }).toString()).toBe('actor=3&target_type=team');
    expect(auditParams({}).toString()).toBe('');
  });
});

describe('local time inputs', () => {
  it('round-trip through RFC 3339', () => {
    const iso = fromLocalInput('2026-03-04T05:06');
    expect(iso).toMatch(/^2026-03-0[34]T\d\d:06:00.000Z$/);
    expect(toLocalInput(iso)).toBe('2026-03-04T05:06');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput('nonsense')).toBe('');
  });
});
