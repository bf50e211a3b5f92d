// Test fixtures for saved views (not shipped: only tests import it).
import type { SavedView } from './types';

let nextView = 1;
export function makeView(over: Partial<SavedView> = {}): SavedView {
  const id = over.id ?? nextView++;
  return {
    id,
    owner_id: 1,
    name: `View ${id}`,
    query: 'status:open',
    sort: '',
    columns: [],
    scope: 'personal',
    team_id: null,
    position: 0,
    can_edit: true,
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    count: 0,
    count_capped: false,
    ...over,
  };
}

