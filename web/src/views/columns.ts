// The columns a list can show, in the allow-list's order
// (helpdesk.ViewColumns), with their headings.
export const columnIds = ['id', 'subject', 'status', 'priority', 'type', 'requester', 'assignee', 'team', 'tags', 'created_at', 'updated_at'] as const;

export type ColumnId = (typeof columnIds)[number];

export const columnLabel: Record<ColumnId, string> = {
  id: 'Number',
  subject: 'Subject',
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  requester: 'Requester',
  assignee: 'Assignee',
  team: 'Team',
  tags: 'Tags',
  created_at: 'Created',
  updated_at: 'Updated',
};

// defaultColumns are the list's columns outside a saved view.
export const defaultColumns: readonly ColumnId[] = ['id', 'subject', 'requester', 'status', 'priority', 'assignee', 'updated_at'];

// listColumns keeps the known columns of a view, once each, in the order
// the view gives them; the subject is always shown (it is the ticket's
// link), and a view without columns shows the default ones.
export function listColumns(columns: readonly string[] | null | undefined): ColumnId[] {
  const known = [...new Set((columns ?? []).filter((c): c is ColumnId => (columnIds as readonly string[]).includes(c)))];
  if (known.length === 0) return [...defaultColumns];
  if (!known.includes('subject')) known.splice(known.includes('id') ? known.indexOf('id') + 1 : 0, 0, 'subject');
  return known;
}
