import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AdminNav } from './AdminNav';
import { JobRow } from './JobRow';
import { filterFor, jobFilters } from './jobStates';
import { useJobs } from './queries';
import './admin.css';

// JobsPage shows the background jobs (emails, notifications…) that failed
// or are being retried, so an admin can run them again or throw them
// away. Other states are a tab away; the tab is in the address.
export default function JobsPage() {
  useDocumentTitle('Jobs');
  const [params] = useSearchParams();
  const filter = filterFor(params.get('state'));
  const jobs = useJobs(filter.states.join(','));
  const [notice, setNotice] = useState('');
  const items = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  const count = (n: number) => (n === 1 ? '1 job' : `${n} jobs`);

  return (
    <>
      <PageHeader title="Jobs" description="Background work such as emails and notifications. Failed jobs can be retried or discarded." />
      <AdminNav />
      <nav className="job-tabs" aria-label="Job states">
        <ul>
          {jobFilters.map((f) => (
            <li key={f.id}>
              <Link
                to={f.id ? `/admin/jobs?state=${f.id}` : '/admin/jobs'}
                aria-current={f.id === filter.id ? 'page' : undefined}
                onClick={() => setNotice('')}
              >
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {notice && <Alert tone="success">{notice}</Alert>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {jobs.isFetching && !jobs.isFetchingNextPage ? 'Loading jobs…' : jobs.data ? `Showing ${count(items.length)}: ${filter.label.toLowerCase()}.` : ''}
      </p>
      {jobs.isPending && <LoadingState label="Loading jobs" />}
      {jobs.isError && !jobs.data && <ErrorState error={jobs.error} title="Jobs could not be loaded" onRetry={() => void jobs.refetch()} />}
      {jobs.data && items.length === 0 && (
        <EmptyState title={filter.empty}>
          <p>{filter.id === '' ? 'Jobs that fail, or are waiting to be retried, appear here.' : 'Pick another tab to see jobs in other states.'}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <table className="admin-table job-table">
          <caption className="visually-hidden">Jobs: {filter.label}</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Times</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((j) => (
              <JobRow key={j.id} job={j} onDone={setNotice} />
            ))}
          </tbody>
        </table>
      )}
      {jobs.isFetchNextPageError && <FormAlert error={jobs.error} title="More jobs could not be loaded" />}
      {jobs.hasNextPage && (
        <div className="admin-more">
          <Button onClick={() => void jobs.fetchNextPage()} busy={jobs.isFetchingNextPage} busyLabel="Loading…">
            Load more jobs
          </Button>
        </div>
      )}
    </>
  );
}
