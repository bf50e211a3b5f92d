// Names for the generated schemas the workspace uses beyond src/api/types.
import type { components } from '@/api/schema.gen';

type Schemas = components['schemas'];

export type TicketPatch = Schemas['TicketPatch'];
export type BulkUpdatePatch = Schemas['BulkUpdatePatch'];
export type BulkUpdateItem = Schemas['BulkUpdateItem'];
export type TicketCount = Schemas['TicketCount'];
export type UserSummary = Schemas['UserSummary'];
export type AuthorSummary = Schemas['AuthorSummary'];
export type TicketPageData = Schemas['TicketPage'];
