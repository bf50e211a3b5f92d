import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema.gen';
import type { Role, User } from '@/api/types';

type UserCreate = components['schemas']['UserCreate'];
type UserPatch = components['schemas']['UserPatch'];
type TeamCreate = components['schemas']['TeamCreate'];
type TeamPatch = components['schemas']['TeamPatch'];
type UserPage = components['schemas']['UserPage'];

export const usersPageSize = 25;
export const auditPageSize = 50;

// ---- Users ----

export interface UserFilter {
  // q is a prefix of the name or email.
  q: string;
  role: Role | '';
  // active is "true", "false" or "" for everyone.
  active: '' | 'true' | 'false';
}

// filterKey is a stable string for a filter, used in query keys.
export function filterKey(f: object): string {
  return new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined) as [string, string][]).toString();
}

// useUsers pages through users matching filter, newest first.
export function useUsers(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: queryKeys.adminUsers(filterKey(filter)),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/users', {
          params: {
            query: {
              limit: usersPageSize,
              ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
              ...(filter.role ? { role: filter.role } : {}),
              ...(filter.active ? { active: filter.active === 'true' } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

// replaceUser puts a changed user into every cached user list, so the row
// changes in place without the list jumping.
function replaceUser(qc: ReturnType<typeof useQueryClient>, user: User) {
  qc.setQueriesData<InfiniteData<UserPage>>({ queryKey: queryKeys.adminUsersAll }, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((u) => (u.id === user.id ? user : u)) })) } : data,
  );
  qc.setQueryData(queryKeys.adminUser(user.id), user);
}

// useCreateUser creates a user (an invitation when no password is given).
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => unwrap(api.client.POST('/api/v1/users', { body })),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: queryKeys.adminUsersAll }), qc.invalidateQueries({ queryKey: queryKeys.adminStaff })]),
  });
}

// useUpdateUser changes a user's role or active flag.
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) =>
      unwrap(api.client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: (user) => {
      replaceUser(qc, user);
      return qc.invalidateQueries({ queryKey: queryKeys.adminStaff });
    },
  });
}

// useIssueResetLink makes a one-time password reset link for a user. The
// link is in the answer only; it is never cached.
export function useIssueResetLink() {
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.POST('/api/v1/users/{id}/password-reset', { params: { path: { id } } })),
  });
}

// useUser loads one user, e.g. an audit entry's actor. Users rarely change,
// so answers are kept for a while.
export function useUser(id: number | null) {
  return useQuery({
    queryKey: queryKeys.adminUser(id ?? 0),
    queryFn: () => unwrap(api.client.GET('/api/v1/users/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null && id > 0,
    staleTime: 5 * 60 * 1000,
    retry: false,
  });
}

// findUserByEmail looks a user up by exact email; null when there is none.
export async function findUserByEmail(email: string): Promise<User | null> {
  const page = await unwrap(api.client.GET('/api/v1/users', { params: { query: { email: email.trim(), limit: 1 } } }));
  return page.items[0] ?? null;
}

const maxStaffPages = 10;

// useStaff lists every active agent and admin (up to 1,000), for pickers.
export function useStaff() {
  return useQuery({
    queryKey: queryKeys.adminStaff,
    queryFn: async () => {
      const all: User[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < maxStaffPages; i++) {
        const page: UserPage = await unwrap(
          api.client.GET('/api/v1/users', {
            // The server accepts a comma list of roles.
            params: { query: { role: 'agent,admin', active: true, limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...page.items);
        cursor = page.next_cursor;
        if (!cursor) break;
      }
      return all.sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

// ---- Teams ----

// useTeams lists every team.
export function useTeams() {
  return useQuery({
    queryKey: queryKeys.adminTeams,
    queryFn: () => unwrap(api.client.GET('/api/v1/teams')),
    select: (list) => [...list.items].sort((a, b) => a.name.localeCompare(b.name)),
  });
}

export function useCreateTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamCreate) => unwrap(api.client.POST('/api/v1/teams', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminTeams, exact: true }),
  });
}

export function useUpdateTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TeamPatch }) =>
      unwrap(api.client.PATCH('/api/v1/teams/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminTeams, exact: true }),
  });
}

export function useDeleteTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.DELETE('/api/v1/teams/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminTeams, exact: true }),
  });
}

// useTeamMembers lists a team's members.
export function useTeamMembers(teamId: number) {
  return useQuery({
    queryKey: queryKeys.adminTeamMembers(teamId),
    queryFn: () => unwrap(api.client.GET('/api/v1/teams/{id}/members', { params: { path: { id: teamId } } })),
    select: (list) => list.items,
  });
}

export function useAddMember(teamId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      unwrap(api.client.PUT('/api/v1/teams/{id}/members/{user_id}', { params: { path: { id: teamId, user_id: userId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminTeamMembers(teamId) }),
  });
}

export function useRemoveMember(teamId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      unwrap(api.client.DELETE('/api/v1/teams/{id}/members/{user_id}', { params: { path: { id: teamId, user_id: userId } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.adminTeamMembers(teamId) }),
  });
}

// ---- Audit ----

export interface AuditFilter {
  actor?: number;
  action?: string;
  target_type?: string;
  target_id?: string;
  // since and until are RFC 3339 times.
  since?: string;
  until?: string;
}

// useAudit pages through the audit log, newest first.
export function useAudit(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: queryKeys.adminAudit(filterKey(filter)),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/audit', {
          params: { query: { limit: auditPageSize, ...filter, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

// ---- Jobs ----

export type Job = components['schemas']['Job'];
type JobPage = components['schemas']['JobPage'];

export const jobsPageSize = 50;

// useJobs pages through background jobs in the given states (a comma
// list, e.g. "discarded,retryable"), newest first.
export function useJobs(states: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.adminJobs(states),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/admin/jobs', {
          params: { query: { state: states, limit: jobsPageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

function mapJobs(qc: ReturnType<typeof useQueryClient>, fn: (items: Job[]) => Job[]) {
  qc.setQueriesData<InfiniteData<JobPage>>({ queryKey: queryKeys.adminJobsAll }, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: fn(p.items) })) } : data,
  );
}

// useRetryJob makes a job run again now; its row shows the new state in
// place (the list is refetched on the next visit).
export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.POST('/api/v1/admin/jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: (job) => {
      mapJobs(qc, (items) => items.map((j) => (j.id === job.id ? job : j)));
      return qc.invalidateQueries({ queryKey: queryKeys.adminJobsAll, refetchType: 'none' });
    },
  });
}

// useDiscardJob cancels a pending job or deletes a finished one; its row
// leaves the list.
export function useDiscardJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.POST('/api/v1/admin/jobs/{id}/discard', { params: { path: { id } } })),
    onSuccess: (_void, id) => {
      mapJobs(qc, (items) => items.filter((j) => j.id !== id));
      return qc.invalidateQueries({ queryKey: queryKeys.adminJobsAll, refetchType: 'none' });
    },
  });
}
