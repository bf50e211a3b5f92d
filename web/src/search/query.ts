// Helpers for the search language (see internal/search/query): reading a
// query just enough to edit it, and never rejecting one. The server's
// parser is the judge of what a query means; these functions only find
// terms, so a facet click can add or remove one value and leave the rest of
// what the person typed exactly as it was.

// A Token is one white-space separated term of a query, at [start, end).
export interface Token {
  start: number;
  end: number;
  text: string;
  negated: boolean;
  // field is the lower-cased field name, or "" for free text.
  field: string;
  // op is ":", "<", "<=", ">" or ">=" for a field, "" for free text.
  op: string;
  // values are a field's comma-separated values, unquoted.
  values: string[];
}

const isSpace = (c: string) => /\s/.test(c);

// tokenize splits a query into its terms the way the server does: white
// space separates terms except inside double quotes, where a backslash
// escapes a quote or a backslash.
export function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    while (i < q.length && isSpace(q.charAt(i))) i++;
    if (i >= q.length) break;
    const start = i;
    let quoted = false;
    while (i < q.length && (quoted || !isSpace(q.charAt(i)))) {
      const c = q.charAt(i);
      if (quoted && c === '\\' && (q.charAt(i + 1) === '"' || q.charAt(i + 1) === '\\')) i++;
      else if (c === '"') quoted = !quoted;
      i++;
    }
    out.push(readToken(q.slice(start, i), start, i));
  }
  return out;
}

function readToken(text: string, start: number, end: number): Token {
  const negated = text.startsWith('-') && text.length > 1;
  const body = negated ? text.slice(1) : text;
  const m = /^([A-Za-z]+)(:|<=|>=|<|>)/.exec(body);
  if (!m?.[1] || !m[2]) return { start, end, text, negated, field: '', op: '', values: [unquote(body)] };
  return { start, end, text, negated, field: m[1].toLowerCase(), op: m[2], values: splitValues(body.slice(m[0].length)) };
}

// splitValues splits a field's value list at commas outside quotes.
function splitValues(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (quoted && c === '\\' && (s.charAt(i + 1) === '"' || s.charAt(i + 1) === '\\')) {
      cur += c + s.charAt(i + 1);
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      cur += c;
    } else if (c === ',' && !quoted) {
      out.push(unquote(cur));
      cur = '';
    } else cur += c;
  }
  out.push(unquote(cur));
  return out.filter((v) => v !== '');
}

function unquote(s: string): string {
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) return s;
  return s.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

// formatValue writes a value as the parser reads it back: bare when it
// can be, else quoted with \" and \\ escaped.
export function formatValue(v: string): string {
  if (v !== '' && !/[\s",]/.test(v)) return v;
  return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function formatToken(t: Pick<Token, 'negated' | 'field' | 'op' | 'values'>): string {
  return `${t.negated ? '-' : ''}${t.field}${t.op}${t.values.map(formatValue).join(',')}`;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

// fieldValues lists the values of a field's positive "field:" terms.
export function fieldValues(q: string, field: string): string[] {
  return tokenize(q)
    .filter((t) => t.field === field && t.op === ':' && !t.negated)
    .flatMap((t) => t.values);
}

// hasValue reports whether a positive field term asks for any of values
// (one value may have several spellings: an id, an email, "me").
export function hasValue(q: string, field: string, values: readonly string[]): boolean {
  return fieldValues(q, field).some((v) => values.some((w) => same(v, w)));
}

// rewrite rebuilds q with the terms edit returns a string for rewritten
// and those it returns null for taken out, keeping everything else as it
// was typed.
function rewrite(q: string, edit: (t: Token) => string | null | undefined): string {
  const changes = new Map<Token, string | null>();
  for (const t of tokenize(q)) {
    const next = edit(t);
    if (next !== undefined) changes.set(t, next);
  }
  if (changes.size === 0) return q;
  let out = '';
  let at = 0;
  for (const [t, next] of changes) {
    out += q.slice(at, t.start);
    if (next) out += next;
    else out = out.replace(/\s+$/, '');
    at = t.end;
  }
  return tidy(out + q.slice(at));
}

function tidy(q: string): string {
  return q.replace(/^\s+/, '').replace(/\s+$/, '');
}

// toggleValue adds value to a field's terms when no positive term asks for
// it, and takes it out when one does; aliases are other spellings of the
// same value (e.g. an assignee's id and email). Several values of one field
// mean any of them (status:open,pending), so an added value joins the
// field's one existing term. A negated term for the value goes when the
// value is added: "-status:pending" then "pending" gives "status:pending".
export function toggleValue(q: string, field: string, value: string, aliases: readonly string[] = []): string {
  const names = [value, ...aliases];
  const matches = (v: string) => names.some((n) => same(n, v));
  if (hasValue(q, field, names)) {
    return rewrite(q, (t) => {
      if (t.field !== field || t.op !== ':' || t.negated || !t.values.some(matches)) return undefined;
      const rest = t.values.filter((v) => !matches(v));
      return rest.length > 0 ? formatToken({ ...t, values: rest }) : null;
    });
  }
  const positive = tokenize(q).filter((t) => t.field === field && t.op === ':' && !t.negated);
  const target = positive.length === 1 ? positive[0] : undefined;
  const next = rewrite(q, (t) => {
    if (t.field !== field || t.op !== ':') return undefined;
    if (t.negated) {
      if (!t.values.some(matches)) return undefined;
      const rest = t.values.filter((v) => !matches(v));
      return rest.length > 0 ? formatToken({ ...t, values: rest }) : null;
    }
    if (target && t.start === target.start) return formatToken({ ...t, values: [...t.values, value] });
    return undefined;
  });
  if (target) return next;
  const term = formatToken({ negated: false, field, op: ':', values: [value] });
  return next ? `${next} ${term}` : term;
}

// hasFreeText reports whether a query has words or phrases, which make it
// a full-text search (ordered by relevance unless it says otherwise).
export function hasFreeText(q: string): boolean {
  return tokenize(q).some((t) => t.field === '' && t.values.some((v) => v.trim() !== ''));
}

// querySort is the list order a query's sort: term asks for, e.g.
// "sort:-updated" is "-updated_at"; undefined without a (valid) one.
export function querySort(q: string): string | undefined {
  const t = tokenize(q).find((x) => x.field === 'sort' && x.op === ':' && !x.negated);
  const v = t?.values[0]?.toLowerCase();
  if (!v) return undefined;
  const desc = v.startsWith('-');
  const key = desc ? v.slice(1) : v;
  const column = { updated: 'updated_at', created: 'created_at', priority: 'priority' }[key];
  return column ? `${desc ? '-' : ''}${column}` : undefined;
}

// ParseError is the server's complaint about a query: "at 12: unknown
// field" becomes the message and the character index (not the byte) it
// points at.
export interface ParseError {
  message: string;
  index: number;
}

// parseErrorOf reads the server's "at N: message" (N a byte offset into
// the UTF-8 query). A message without a position points at the end.
export function parseErrorOf(q: string, message: string): ParseError {
  const m = /^at (\d+): ([\s\S]*)$/.exec(message.trim());
  if (!m?.[1] || m[2] === undefined) return { message: sentence(message), index: q.length };
  return { message: sentence(m[2]), index: byteToIndex(q, Number(m[1])) };
}

function sentence(s: string): string {
  const t = s.trim();
  const up = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(up) ? up : `${up}.`;
}

// byteToIndex turns a byte offset into q's UTF-8 form into a string index.
export function byteToIndex(q: string, bytes: number): number {
  const enc = new TextEncoder().encode(q);
  if (bytes >= enc.length) return q.length;
  return new TextDecoder().decode(enc.slice(0, Math.max(0, bytes))).length;
}

// problemSpan is the part of q a parse error points at: from its index to
// the end of that term (at least one character when there is one).
export function problemSpan(q: string, index: number): [number, number] {
  const start = Math.min(Math.max(index, 0), q.length);
  let end = start;
  while (end < q.length && !isSpace(q.charAt(end))) end++;
  if (end === start && end < q.length) end++;
  return [start, end];
}
