// Names for the generated saved-view schemas.
import type { components } from '@/api/schema.gen';
import type { ColumnId } from './columns';

type Schemas = components['schemas'];

// SavedView is a view as GET /views lists it: with its count.
export type SavedView = Schemas['CountedSavedView'];
export type ViewScope = SavedView['scope'];
export type ViewSort = SavedView['sort'];
// ViewInput is what the save form edits and POST /views takes.
export type ViewInput = Required<Omit<Schemas['SavedViewCreate'], 'columns'>> & { columns: ColumnId[] };
