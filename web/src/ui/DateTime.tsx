export interface DateTimeProps {
  value: string | null | undefined;
  // empty is shown when there is no value, e.g. "Never".
  empty?: string;
}

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

// formatDateTime renders an RFC 3339 time in the reader's locale and zone.
export function formatDateTime(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : absolute.format(d);
}

// DateTime is a <time> element with a machine-readable datetime attribute.
export function DateTime({ value, empty = '—' }: DateTimeProps) {
  if (!value) return <span>{empty}</span>;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}
