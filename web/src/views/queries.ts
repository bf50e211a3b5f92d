import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { SavedView, ViewInput } from './types';

// useSavedViews lists the views the signed-in agent may see, each with
// its count. Counts also refresh on ticket events (see SavedViewsNav).
export function useSavedViews() {
  return useQuery({
    queryKey: queryKeys.savedViews,
    queryFn: async ({ signal }): Promise<SavedView[]> => {
      return (await unwrap(api.client.GET('/api/v1/views', { signal }))).items;
    },
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

function useViewsChanged() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.savedViews });
}

// useCreateView saves a new view.
export function useCreateView() {
  const changed = useViewsChanged();
  return useMutation({
    mutationFn: (body: ViewInput) => unwrap(api.client.POST('/api/v1/views', { body })),
    onSuccess: changed,
  });
}

// useUpdateView changes a view.
export function useUpdateView() {
  const changed = useViewsChanged();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Partial<ViewInput> }) => unwrap(api.client.PATCH('/api/v1/views/{id}', { params: { path: { id } }, body })),
    onSuccess: changed,
  });
}

// useDeleteView deletes a view.
export function useDeleteView() {
  const changed = useViewsChanged();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.DELETE('/api/v1/views/{id}', { params: { path: { id } } })),
    onSuccess: changed,
  });
}
