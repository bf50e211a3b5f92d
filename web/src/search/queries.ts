import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import { apiQuery, filtersToSearch, updatedAfter, type TicketFilters } from '@/pages/tickets/filters';
import type { Facets } from './types';

// useFacets counts the tickets of a search by status, priority and
// assignee. Only a search has facets: the plain list does not count.
export function useFacets(filters: TicketFilters, enabled = true) {
  return useQuery({
    queryKey: queryKeys.ticketFacets(filtersToSearch(filters, false)),
    enabled: enabled && filters.q !== '',
    queryFn: ({ signal }): Promise<Facets> => {
      const query = apiQuery(filters, updatedAfter(filters, Date.now()), false);
      return unwrap(api.client.GET('/api/v1/tickets/facets', { params: { query }, signal }));
    },
    staleTime: 30_000,
    // Clicking a facet changes the search: keep the old counts until the
    // new ones arrive, so the buttons do not jump.
    placeholderData: keepPreviousData,
  });
}
