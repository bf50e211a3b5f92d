import { describe, expect, it } from 'vitest';
import { homeFor, safeNext } from './home';

describe('homeFor', () => {
  it('sends customers to the portal and staff to the ticket list', () => {
    expect(homeFor('customer')).toBe('/portal');
    expect(homeFor('agent')).toBe('/tickets');
    expect(homeFor('admin')).toBe('/tickets');
  });
});

describe('safeNext', () => {
  it.each([
    ['/tickets/4?x=1', '/tickets/4?x=1'],
    ['/account/tokens', '/account/tokens'],
    [null, null],
    ['', null],
    ['https://evil.example/', null],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['/login', null],
    ['/login?next=/x', null],
    ['/register', null],
  ])('safeNext(%j) is %j', (input, want) => {
    expect(safeNext(input)).toBe(want);
  });
});
