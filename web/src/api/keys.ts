// queryKeys names every TanStack Query cache entry, so invalidations and
// reads agree. Add a section per feature; keep keys arrays of primitives.
export const queryKeys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
  // Customer portal (src/pages/portal).
  portalTickets: ['portal', 'tickets'] as const,
  portalTicket: (id: number) => ['portal', 'ticket', id] as const,
  portalComments: (id: number) => ['portal', 'ticket', id, 'comments'] as const,
  // Admin pages (src/pages/admin). Filters are part of the key as a sorted
  // query string, so each filter combination has its own cache entry.
  adminUsers: (filter: string) => ['admin', 'users', filter] as const,
  adminUsersAll: ['admin', 'users'] as const,
  adminUser: (id: number) => ['admin', 'user', id] as const,
  adminStaff: ['admin', 'staff'] as const,
  adminTeams: ['admin', 'teams'] as const,
  adminTeamMembers: (id: number) => ['admin', 'teams', id, 'members'] as const,
  adminAudit: (filter: string) => ['admin', 'audit', filter] as const,
  // Agent workspace (src/pages/tickets). Everything under ['tickets'] is
  // refetched after a ticket changes; list and count keys carry the
  // filters as their canonical query string.
  tickets: ['tickets'] as const,
  ticketLists: ['tickets', 'list'] as const,
  ticketList: (search: string) => ['tickets', 'list', search] as const,
  ticketCounts: ['tickets', 'count'] as const,
  ticketCount: (search: string) => ['tickets', 'count', search] as const,
  // Facet counts of a search (src/search), refetched with the lists.
  ticketFacetsAll: ['tickets', 'facets'] as const,
  ticketFacets: (search: string) => ['tickets', 'facets', search] as const,
  ticket: (id: number) => ['tickets', 'detail', id] as const,
  ticketComments: (id: number) => ['tickets', 'comments', id] as const,
  requesterTickets: (userId: number) => ['tickets', 'requester', userId] as const,
  staffUsers: ['workspace', 'staff'] as const,
  workspaceTeams: ['workspace', 'teams'] as const,
  workspaceUser: (id: number) => ['workspace', 'user', id] as const,
  // Saved views with their counts (src/views). Not under ['tickets']: the
  // sidebar refetches them on its own, slower, schedule.
  savedViews: ['views'] as const,
  // Notification center (src/notifications) and email preferences.
  notifications: ['notifications'] as const,
  notificationList: ['notifications', 'list'] as const,
  notificationCount: ['notifications', 'count'] as const,
  preferences: ['me', 'preferences'] as const,
  // Admin jobs page: the key carries the state filter.
  adminJobs: (states: string) => ['admin', 'jobs', states] as const,
  adminJobsAll: ['admin', 'jobs'] as const,
};
