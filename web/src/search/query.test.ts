import { describe, expect, it } from 'vitest';
import { byteToIndex, fieldValues, formatValue, hasFreeText, hasValue, parseErrorOf, problemSpan, querySort, tokenize, toggleValue } from './query';

describe('tokenize', () => {
  it('splits terms at white space outside quotes', () => {
    const ts = tokenize('printer  "paper jam" -tag:spam status:open,pending created>=2026-01');
    expect(ts.map((t) => t.text)).toEqual(['printer', '"paper jam"', '-tag:spam', 'status:open,pending', 'created>=2026-01']);
    expect(ts[1]).toMatchObject({ field: '', values: ['paper jam'] });
    expect(ts[2]).toMatchObject({ negated: true, field: 'tag', op: ':', values: ['spam'] });
    expect(ts[3]).toMatchObject({ field: 'status', values: ['open', 'pending'] });
    expect(ts[4]).toMatchObject({ field: 'created', op: '>=', values: ['2026-01'] });
  });

  it('reads quoted values with escapes and commas', () => {
    const [t] = tokenize('team:"Billing, EU",Support tag:"say \\"hi\\""');
    expect(t).toMatchObject({ field: 'team', values: ['Billing, EU', 'Support'] });
    expect(tokenize('tag:"say \\"hi\\""')[0]?.values).toEqual(['say "hi"']);
  });

  it('lower-cases field names and keeps a lone "-" as a word', () => {
    expect(tokenize('Status:Open -')[0]).toMatchObject({ field: 'status', values: ['Open'] });
    expect(tokenize('-')[0]).toMatchObject({ field: '', negated: false });
  });
});

describe('toggleValue', () => {
  it('adds a field term when there is none', () => {
    expect(toggleValue('printer', 'status', 'pending')).toBe('printer status:pending');
    expect(toggleValue('', 'status', 'pending')).toBe('status:pending');
  });

  it('joins the one existing term of the field, keeping the rest as typed', () => {
    expect(toggleValue('printer  status:open  "paper jam"', 'status', 'pending')).toBe('printer  status:open,pending  "paper jam"');
  });

  it('takes a value out, and the term when it was its last value', () => {
    expect(toggleValue('printer status:open,pending sort:-updated', 'status', 'pending')).toBe('printer status:open sort:-updated');
    expect(toggleValue('printer status:pending sort:-updated', 'status', 'pending')).toBe('printer sort:-updated');
    expect(toggleValue('status:pending printer', 'status', 'pending')).toBe('printer');
    expect(toggleValue('STATUS:Pending', 'status', 'pending')).toBe('');
  });

  it('matches any spelling of a value', () => {
    const q = 'assignee:sam@example.com';
    expect(hasValue(q, 'assignee', ['7', 'sam@example.com'])).toBe(true);
    expect(toggleValue(q, 'assignee', '7', ['sam@example.com', 'me'])).toBe('');
    expect(toggleValue('assignee:me', 'assignee', '7', ['me'])).toBe('');
  });

  it('adds a new term when the field has several', () => {
    expect(toggleValue('status:open status:new', 'status', 'pending')).toBe('status:open status:new status:pending');
  });

  it('turns a negated value into a positive one', () => {
    expect(toggleValue('-status:pending,solved x', 'status', 'pending')).toBe('-status:solved x status:pending');
    expect(toggleValue('-status:pending x', 'status', 'pending')).toBe('x status:pending');
  });

  it('quotes values that need it', () => {
    expect(toggleValue('', 'team', 'Billing EU')).toBe('team:"Billing EU"');
    expect(toggleValue('team:"Billing EU"', 'team', 'Billing EU')).toBe('');
    expect(formatValue('a"b')).toBe('"a\\"b"');
  });

  it('leaves free text that looks like a value alone', () => {
    expect(toggleValue('pending', 'status', 'pending')).toBe('pending status:pending');
    expect(fieldValues('pending -status:open status:new', 'status')).toEqual(['new']);
  });
});

describe('hasFreeText and querySort', () => {
  it('finds words and phrases', () => {
    expect(hasFreeText('status:open')).toBe(false);
    expect(hasFreeText('status:open printer')).toBe(true);
    expect(hasFreeText('"paper jam"')).toBe(true);
    expect(hasFreeText('')).toBe(false);
  });

  it('maps sort: terms to list orders', () => {
    expect(querySort('x sort:-updated')).toBe('-updated_at');
    expect(querySort('sort:created')).toBe('created_at');
    expect(querySort('sort:-priority')).toBe('-priority');
    expect(querySort('sort:bogus')).toBeUndefined();
    expect(querySort('x')).toBeUndefined();
  });
});

describe('parse errors', () => {
  it('reads the position and the message', () => {
    expect(parseErrorOf('printer stauts:open', 'at 8: unknown field "stauts"; use one of status')).toEqual({
      message: 'Unknown field "stauts"; use one of status.',
      index: 8,
    });
  });

  it('turns byte offsets into character indexes', () => {
    // "é" is two bytes in UTF-8: byte 6 of "café stauts:x" is character 5.
    expect(byteToIndex('café stauts:x', 6)).toBe(5);
    expect(parseErrorOf('café stauts:x', 'at 6: unknown field').index).toBe(5);
    expect(byteToIndex('abc', 99)).toBe(3);
  });

  it('points at the end without a position', () => {
    expect(parseErrorOf('abc', 'query is too long')).toEqual({ message: 'Query is too long.', index: 3 });
  });

  it('spans the term at the position', () => {
    expect(problemSpan('printer stauts:open x', 8)).toEqual([8, 19]);
    expect(problemSpan('abc', 3)).toEqual([3, 3]);
    expect(problemSpan('a "b', 2)).toEqual([2, 4]);
  });
});
