import { useSearchParams } from 'react-router';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { AdminNav } from './AdminNav';
import { AuditEntryItem } from './AuditEntryItem';
import { auditParams, readAuditFilter } from './auditFilter';
import { AuditFilters } from './AuditFilters';
import { useAudit } from './queries';
import './admin.css';

// AuditPage is the audit log viewer: filters kept in the address bar (so a
// filtered view can be shared), newest entries first, a page at a time.
export default function AuditPage() {
  useDocumentTitle('Audit log');
  const [params, setParams] = useSearchParams();
  const filter = readAuditFilter(params);
  const audit = useAudit(filter);
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filter).length > 0;
  const count = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);

  return (
    <>
      <PageHeader title="Audit log" description="Who did what, when and from where. Entries are kept for review and cannot be changed." />
      <AdminNav />
      <AuditFilters key={params.toString()} value={filter} onApply={(f) => setParams(auditParams(f))} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {audit.isFetching && !audit.isFetchingNextPage
          ? 'Loading entries…'
          : audit.data
            ? `${audit.hasNextPage ? `Showing the latest ${count(items.length)}` : `Showing ${count(items.length)}`}${filtered ? ' matching the filters' : ''}.`
            : ''}
      </p>
      {audit.isPending && <LoadingState label="Loading the audit log" />}
      {audit.isError && !audit.data && <ErrorState error={audit.error} title="The audit log could not be loaded" onRetry={() => void audit.refetch()} />}
      {audit.data && items.length === 0 && (
        <EmptyState title={filtered ? 'No entries match these filters' : 'The audit log is empty'}>
          {filtered ? 'Widen the time range or clear a filter.' : 'Entries appear here as people sign in and change things.'}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ol className="audit-list" aria-label="Audit entries">
          {items.map((e) => (
            <AuditEntryItem key={e.id} entry={e} />
          ))}
        </ol>
      )}
      {audit.isFetchNextPageError && <FormAlert error={audit.error} title="More entries could not be loaded" />}
      {audit.hasNextPage && (
        <div className="admin-more">
          <Button onClick={() => void audit.fetchNextPage()} busy={audit.isFetchingNextPage} busyLabel="Loading…">
            Load older entries
          </Button>
        </div>
      )}
    </>
  );
}
