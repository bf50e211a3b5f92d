import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { useMe } from '@/auth/useMe';
import { FacetBar } from '@/search/FacetBar';
import { parseErrorOf, type ParseError } from '@/search/query';
import { useFacets } from '@/search/queries';
import { SearchBox, type SearchHow } from '@/search/SearchBox';
import '@/search/search.css';
import { listColumns } from '@/views/columns';
import { useSavedViews } from '@/views/queries';
import { ViewActions, ViewFormPanel, type ViewFormMode } from '@/views/ViewToolbar';
import '@/views/views.css';
import { ShellSidebar } from '@/shell/ShellSidebar';
import { Button } from '@/ui/Button';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { BulkBar, type BulkChange } from './BulkBar';
import { BulkResultAlert, type BulkOutcome } from './BulkResultAlert';
import { FilterBar } from './FilterBar';
import { activeView, filtersToSearch, formatCount, hasFilters, noFilters, parseFilters, withQuery, type TicketFilters } from './filters';
import { useBulkUpdate, useStaff, useTeams, useTicketCount, useTicketList } from './queries';
import { listShortcuts, ShortcutHelp } from './ShortcutHelp';
import { TicketTable } from './TicketTable';
import { useSelection } from './useSelection';
import { useShortcuts } from './useShortcuts';
import { ViewsNav } from './ViewsNav';
import './tickets.css';

// viewParam reads the saved view id in the URL (?view=12).
function viewParam(params: URLSearchParams): number | null {
  const v = params.get('view');
  return v && /^[1-9]\d{0,17}$/.test(v) ? Number(v) : null;
}

// withView adds the saved view id to a list's URL query.
function withView(search: string, view: number | null): string {
  if (view === null) return search;
  return search ? `${search}&view=${view}` : `view=${view}`;
}

// queryError is the server's complaint about the search, from the list's
// 400 answer (field "q").
function queryError(err: unknown, q: string): ParseError | null {
  if (!q || !(err instanceof ApiError) || err.status !== 400) return null;
  const fe = err.fieldErrors.find((e) => e.field === 'q');
  return fe ? parseErrorOf(q, fe.message) : null;
}

// TicketListPage is the agent's ticket list: a search box with facets,
// built-in and saved views in the sidebar, filters and sort in the URL,
// "Load more" paging, multi-select with bulk changes and j/k/Enter/x/?/"/"
// keyboard shortcuts.
export default function TicketListPage() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const viewId = viewParam(params);
  const search = filtersToSearch(filters);
  const urlSearch = withView(search, viewId);
  const listUrl = `/tickets${urlSearch ? `?${urlSearch}` : ''}`;
  const savedViews = useSavedViews();
  const savedView = viewId === null ? undefined : savedViews.data?.find((v) => v.id === viewId);
  const view = viewId === null ? activeView(filters) : undefined;
  const title = savedView?.name ?? view?.label ?? (filters.q ? 'Search results' : hasFilters(filters) ? 'Filtered tickets' : 'All tickets');
  useDocumentTitle(title);

  const list = useTicketList(filters);
  const count = useTicketCount(filters);
  const staff = useStaff();
  const teams = useTeams();
  const bulk = useBulkUpdate();
  const navigate = useNavigate();
  const badQuery = queryError(list.error, filters.q);
  const facets = useFacets(filters, !badQuery);
  const [syntaxHelp, setSyntaxHelp] = useState(false);
  const [viewForm, setViewForm] = useState<ViewFormMode>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // typing is true while the URL holds a search still being typed: the
  // next keystrokes replace that history entry instead of adding more.
  const typing = useRef(false);

  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const ids = useMemo(() => tickets.map((t) => t.id), [tickets]);
  const selection = useSelection(search, ids);
  const [activeState, setActiveState] = useState({ search, index: -1 });
  const active = activeState.search === search ? Math.min(activeState.index, tickets.length - 1) : -1;
  const setActive = useCallback((index: number) => setActiveState({ search, index }), [search]);
  const [help, setHelp] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  function changeFilters(next: TicketFilters, how: SearchHow = 'submit') {
    const s = withView(filtersToSearch(next), viewId);
    const replace = how === 'typing' && typing.current;
    typing.current = how === 'typing';
    if (s === urlSearch) return;
    setOutcome(null);
    setParams(s, { replace });
  }

  function changeQuery(q: string, how: SearchHow = 'submit') {
    changeFilters(withQuery(filters, q), how);
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
    '/': (e) => {
      e.preventDefault();
      searchRef.current?.focus();
    },
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
  if (badQuery) {
    body = (
      <EmptyState title="The search could not be read">
        <p>Correct it as explained under the search box, or clear it.</p>
        <Button variant="secondary" onClick={() => changeQuery('')}>
          Clear search
        </Button>
      </EmptyState>
    );
  } else if (list.isPending) {
    body = <LoadingState label="Loading tickets" />;
  } else if (!list.data) {
    body = <ErrorState title="The tickets could not be loaded" error={list.error} onRetry={() => void list.refetch()} />;
  } else if (tickets.length === 0) {
    body = filters.q ? (
      <EmptyState title="No tickets match this search">
        <p>Try other words, or fewer terms.</p>
        <Button variant="secondary" onClick={() => changeFilters({ ...noFilters, sort: filters.sort })}>
          Clear search and filters
        </Button>
      </EmptyState>
    ) : hasFilters(filters) ? (
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
          <TicketTable
            tickets={tickets}
            selection={selection}
            active={active}
            onActive={setActive}
            sort={filters.sort}
            from={listUrl}
            columns={listColumns(savedView?.columns)}
            teams={teams.data}
          />
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
        <ViewsNav filters={filters} savedView={viewId} />
      </ShellSidebar>
      <PageHeader
        title={title}
        description={total !== null && !badQuery ? `${total} ${count.data?.count === 1 && !count.data.capped ? 'ticket' : 'tickets'}` : undefined}
        actions={<ViewActions filters={filters} savedView={savedView} mode={viewForm} onMode={setViewForm} />}
      />
      <SearchBox value={filters.q} onSearch={changeQuery} error={badQuery} helpOpen={syntaxHelp} onHelpChange={setSyntaxHelp} inputRef={searchRef} />
      {me && (
        <ViewFormPanel
          filters={filters}
          savedView={savedView}
          mode={viewForm}
          onMode={setViewForm}
          me={me}
          staff={staff.data ?? []}
          teams={teams.data ?? []}
        />
      )}
      {filters.q && !badQuery && facets.data && (
        <FacetBar facets={facets.data} query={filters.q} onChange={(q) => changeQuery(q)} staff={staff.data ?? []} me={me ?? undefined} />
      )}
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
      <ShortcutHelp
        open={help}
        onClose={() => setHelp(false)}
        shortcuts={listShortcuts}
        action={{
          label: 'Search syntax',
          onClick: () => {
            setHelp(false);
            setSyntaxHelp(true);
          },
        }}
      />
    </div>
  );
}
