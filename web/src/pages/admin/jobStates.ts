import type { Job } from './queries';

export type JobState = Job['state'];

// stateLabels say each River state in words an admin reads at a glance.
export const stateLabels: Record<JobState, string> = {
  discarded: 'Failed',
  retryable: 'Retrying',
  available: 'Waiting',
  scheduled: 'Scheduled',
  pending: 'Pending',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export interface JobFilter {
  // id is the ?state= value; "" is the default view.
  id: string;
  label: string;
  states: JobState[];
  empty: string;
}

// jobFilters are the tabs of the jobs page; the first is the default.
export const jobFilters: JobFilter[] = [
  { id: '', label: 'Needs attention', states: ['discarded', 'retryable'], empty: 'No failed jobs — background work is healthy' },
  { id: 'discarded', label: 'Failed', states: ['discarded'], empty: 'No failed jobs — background work is healthy' },
  { id: 'retryable', label: 'Retrying', states: ['retryable'], empty: 'No jobs are waiting to be retried' },
  { id: 'waiting', label: 'Waiting', states: ['available', 'scheduled', 'pending'], empty: 'No jobs are waiting to run' },
  { id: 'running', label: 'Running', states: ['running'], empty: 'No jobs are running' },
  { id: 'cancelled', label: 'Cancelled', states: ['cancelled'], empty: 'No cancelled jobs' },
  { id: 'completed', label: 'Completed', states: ['completed'], empty: 'No completed jobs are kept right now' },
];

// filterFor reads the ?state= parameter; anything unknown is the default.
export function filterFor(param: string | null): JobFilter {
  return jobFilters.find((f) => f.id === (param ?? '')) ?? (jobFilters[0] as JobFilter);
}

// canRetry: River can make any job that is not running or about to run
// available again.
export function canRetry(state: JobState): boolean {
  return state === 'discarded' || state === 'retryable' || state === 'cancelled' || state === 'completed' || state === 'scheduled';
}

// canDiscard: a running job cannot be stopped from here.
export function canDiscard(state: JobState): boolean {
  return state !== 'running';
}
