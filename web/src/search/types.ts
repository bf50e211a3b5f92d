// Names for the generated search schemas.
import type { components } from '@/api/schema.gen';

type Schemas = components['schemas'];

export type Snippet = Schemas['Snippet'];
export type SnippetPart = Snippet['parts'][number];
export type FacetValue = Schemas['FacetValue'];
export type Facets = Schemas['TicketFacets'];
