// queryKeys names every TanStack Query cache entry, so invalidations and
// reads agree. Add a section per feature; keep keys arrays of primitives.
export const queryKeys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
};
