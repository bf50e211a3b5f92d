import './admin.css';

type Json = Record<string, unknown> | null | undefined;

export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

function show(key: string, value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return `${JSON.stringify(key)}: ${text.replace(/\n/g, '\n    ')}`;
}

// diffLines compares two JSON objects key by key: unchanged keys once,
// changed keys as the old line then the new one, in before's key order
// followed by keys that only after has.
export function diffLines(before: Json, after: Json): DiffLine[] {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  const lines: DiffLine[] = [];
  for (const k of keys) {
    const inB = k in b;
    const inA = k in a;
    if (inB && inA && JSON.stringify(b[k]) === JSON.stringify(a[k])) {
      lines.push({ kind: 'same', text: `  ${show(k, b[k])}` });
      continue;
    }
    if (inB) lines.push({ kind: 'removed', text: `- ${show(k, b[k])}` });
    if (inA) lines.push({ kind: 'added', text: `+ ${show(k, a[k])}` });
  }
  return lines;
}

export interface JsonDiffProps {
  before: Json;
  after: Json;
  label?: string;
}

// JsonDiff shows what an audited change did, as text in a <pre>: lines
// starting with "-" are the state before, "+" the state after. Values are
// JSON text, never HTML.
export function JsonDiff({ before, after, label = 'Changes' }: JsonDiffProps) {
  const lines = diffLines(before, after);
  if (lines.length === 0) return <p className="admin-muted">No recorded details.</p>;
  return (
    <figure className="json-diff-figure">
      <pre className="json-diff" aria-label={label} tabIndex={0}>
        {lines.map((l, i) => (
          <span key={i} className={`json-diff-line${l.kind === 'same' ? '' : ` json-diff-${l.kind}`}`}>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
      <figcaption className="json-diff-legend">
        {before && after ? '− before, + after.' : before ? 'The state before; nothing remains after.' : 'The state after; there was nothing before.'}
      </figcaption>
    </figure>
  );
}
