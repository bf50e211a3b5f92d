import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMe } from '@/auth/useMe';
import { ShellSidebar } from '@/shell/ShellSidebar';
import { Button } from '@/ui/Button';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { BulkBar, type BulkChange } from './BulkBar';
import { BulkResultAlert, type BulkOutcome } from './BulkResultAlert';
import { FilterBar } from './FilterBar';
import { activeView, filtersToSearch, formatCount, hasFilters, noFilters, parseFilters, type TicketFilters } from './filters';
import { useBulkUpdate, useStaff, useTeams, useTicketCount, useTicketList } from './queries';
import { listShortcuts, ShortcutHelp } from './ShortcutHelp';
import { TicketTable } from './TicketTable';
import { useSelection } from './useSelection';
import { useShortcuts } from './useShortcuts';
import { ViewsNav } from './ViewsNav';
import './tickets.css';

// TicketListPage is the agent's ticket list: views in the sidebar, filters
// and sort in the URL, "Load more" paging, multi-select with bulk changes
// and j/k/Enter/x/? keyboard shortcuts.
export default function TicketListPage() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const search = filtersToSearch(filters);
  const listUrl = `/tickets${search ? `?${search}` : ''}`;
  const view = activeView(filters);
  const title = view?.label ?? (hasFilters(filters) ? 'Filtered tickets' : 'All tickets');
  useDocumentTitle(title);

  const list = useTicketList(filters);
  const count = useTicketCount(filters);
  const staff = useStaff();
  const teams = useTeams();
  const bulk = useBulkUpdate();
  const navigate = useNavigate();

  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const ids = useMemo(() => tickets.map((t) => t.id), [tickets]);
  const selection = useSelection(search, ids);
  const [activeState, setActiveState] = useState({ search, index: -1 });
  const active = activeState.search === search ? Math.min(activeState.index, tickets.length - 1) : -1;
  const setActive = useCallback((index: number) => setActiveState({ search, index }), [search]);
  const [help, setHelp] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  function changeFilters(next: TicketFilters) {
    const s = filtersToSearch(next);
    if (s === search) return;
    setOutcome(null);
    setParams(s);
  }

  function focusRow(index: number) {
    setActive(index);
    const links = tableRef.current?.querySelectorAll<HTMLAnchorElement>('a.ticket-link');
    links?.[index]?.focus();
    links?.[index]?.closest('tr')?.scrollIntoView?.({ block: 'nearest' });
  }

  useShortcuts({
    j: () => {
      if (tickets.length === 0) return;
      if (active >= tickets.length - 1) {
        if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
        return;
      }
      focusRow(active + 1);
    },
    k: () => {
      if (tickets.length === 0) return;
      focusRow(Math.max(active - 1, 0));
    },
    Enter: (e) => {
      // A focused link or button does its own thing on Enter.
      if (e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement) return;
      const t = tickets[active];
      if (!t) return;
      e.preventDefault();
      void navigate(`/tickets/${t.id}`, { state: { from: listUrl } });
    },
    x: () => {
      const t = tickets[active];
      if (t) selection.toggle(t.id, !selection.isSelected(t.id));
    },
    '?': () => setHelp(true),
  });

  function applyBulk(change: BulkChange) {
    const chosen = selection.selected;
    setOutcome(null);
    bulk.mutate(
      { ids: chosen, update: change.update },
      {
        onSuccess: (result) => {
          setOutcome({ describe: change.describe, result });
          selection.keep(result.failed.map((f) => f.id));
        },
        onError: (error) => setOutcome({ describe: change.describe, error }),
      },
    );
  }

  const total = count.data ? formatCount(count.data.count, count.data.capped) : null;

  let body;
  if (list.isPending) {
    body = <LoadingState label="Loading tickets" />;
  } else if (!list.data) {
    body = <ErrorState title="The tickets could not be loaded" error={list.error} onRetry={() => void list.refetch()} />;
  } else if (tickets.length === 0) {
    body = hasFilters(filters) ? (
      <EmptyState title="No tickets match these filters">
        <p>Change or clear the filters to see more tickets.</p>
        <Button variant="secondary" onClick={() => changeFilters({ ...noFilters, sort: filters.sort })}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title="No tickets yet">
        <p>Tickets appear here when customers write in.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <div ref={tableRef}>
          <TicketTable tickets={tickets} selection={selection} active={active} onActive={setActive} sort={filters.sort} from={listUrl} />
        </div>
        <div className="ticket-list-more">
          {list.isFetchNextPageError && (
            <ErrorState title="More tickets could not be loaded" error={list.error} onRetry={() => void list.fetchNextPage()} />
          )}
          {list.isRefetchError && <ErrorState title="The list could not be refreshed" error={list.error} onRetry={() => void list.refetch()} />}
          {list.hasNextPage && !list.isFetchNextPageError && (
            <Button variant="secondary" busy={list.isFetchingNextPage} busyLabel="Loading more tickets…" onClick={() => void list.fetchNextPage()}>
              Load more tickets
            </Button>
          )}
        </div>
      </>
    );
  }

  return (
    <div className="ticket-list-page">
      <ShellSidebar>
        <ViewsNav filters={filters} />
      </ShellSidebar>
      <PageHeader
        title={title}
        description={total !== null ? `${total} ${count.data?.count === 1 && !count.data.capped ? 'ticket' : 'tickets'}` : undefined}
      />
      <FilterBar
        filters={filters}
        onChange={changeFilters}
        staff={staff.data ?? []}
        teams={teams.data ?? []}
        extra={
          <Button variant="ghost" className="ticket-help-button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
          </Button>
        }
      />
      {me && selection.selected.length > 0 && (
        <BulkBar count={selection.selected.length} me={me} staff={staff.data ?? []} busy={bulk.isPending} onApply={applyBulk} onClear={selection.clear} />
      )}
      {outcome && <BulkResultAlert outcome={outcome} onDismiss={() => setOutcome(null)} />}
      <p className="ticket-list-status" role="status" aria-live="polite">
        {tickets.length > 0
          ? `Showing ${tickets.length.toLocaleString()}${total !== null ? ` of ${total}` : ''} tickets.`
          : ''}
      </p>
      {body}
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={listShortcuts} />
    </div>
  );
}
