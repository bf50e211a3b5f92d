import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema.gen';

export type Notification = components['schemas']['Notification'];
type NotificationPage = components['schemas']['NotificationPage'];
type Count = components['schemas']['UnreadCount'];

export const notificationsPageSize = 20;
// The server counts at most this many unread notifications.
export const maxUnread = 1000;

// useUnreadCount is how many notifications are unread. It is refetched
// whenever the window regains focus, and polled while live updates are
// unavailable (poll: true).
export function useUnreadCount(poll: boolean) {
  return useQuery({
    queryKey: queryKeys.notificationCount,
    queryFn: ({ signal }) => unwrap(api.client.GET('/api/v1/notifications/unread-count', { signal })),
    refetchOnWindowFocus: 'always',
    refetchInterval: poll ? 60_000 : false,
  });
}

// useNotifications pages through the user's notifications, newest first.
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: queryKeys.notificationList,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.client.GET('/api/v1/notifications', {
          params: { query: { limit: notificationsPageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
}

type ListData = InfiniteData<NotificationPage, string | null>;

function mapItems(qc: QueryClient, fn: (n: Notification) => Notification) {
  qc.setQueryData<ListData>(queryKeys.notificationList, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(fn) })) } : data,
  );
}

function bumpCount(qc: QueryClient, by: number) {
  qc.setQueryData<Count>(queryKeys.notificationCount, (c) => (c ? { count: Math.min(maxUnread, Math.max(0, c.count + by)) } : c));
}

// addNotification puts a notification that arrived live at the top of the
// list and counts it, unless it is there already.
export function addNotification(qc: QueryClient, n: Notification) {
  const data = qc.getQueryData<ListData>(queryKeys.notificationList);
  if (data?.pages.some((p) => p.items.some((x) => x.id === n.id))) return;
  if (data?.pages[0]) {
    const [first, ...rest] = data.pages;
    qc.setQueryData<ListData>(queryKeys.notificationList, { ...data, pages: [{ ...first, items: [n, ...first.items] }, ...rest] });
  }
  if (!n.read_at) bumpCount(qc, 1);
}

// useMarkRead marks one notification read, at once on screen.
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onMutate: (id) => {
      const data = qc.getQueryData<ListData>(queryKeys.notificationList);
      const wasUnread = data?.pages.some((p) => p.items.some((n) => n.id === id && !n.read_at)) ?? true;
      const now = new Date().toISOString();
      mapItems(qc, (n) => (n.id === id && !n.read_at ? { ...n, read_at: now } : n));
      if (wasUnread) bumpCount(qc, -1);
    },
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.notificationCount }),
        qc.invalidateQueries({ queryKey: queryKeys.notificationList, refetchType: 'none' }),
      ]),
  });
}

// useMarkAllRead marks every notification read.
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.client.POST('/api/v1/notifications/read-all')),
    onSuccess: () => {
      const now = new Date().toISOString();
      mapItems(qc, (n) => (n.read_at ? n : { ...n, read_at: now }));
      qc.setQueryData<Count>(queryKeys.notificationCount, { count: 0 });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
