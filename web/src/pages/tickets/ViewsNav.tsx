import { Link } from 'react-router';
import { SavedViewsNav } from '@/views/SavedViewsNav';
import { activeView, filtersToSearch, formatCount, viewFilters, views, type TicketFilters, type TicketView } from './filters';
import { useTicketCount } from './queries';

// ViewCount is a view's number of tickets, or a placeholder while it is
// counted or when counting failed.
function ViewCount({ view }: { view: TicketView }) {
  const count = useTicketCount(viewFilters(view));
  if (count.isPending) {
    return (
      <span className="views-count views-count-pending">
        <span aria-hidden="true">…</span>
        <span className="visually-hidden">counting</span>
      </span>
    );
  }
  if (count.isError) {
    return (
      <span className="views-count" title="The count could not be loaded">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">count unavailable</span>
      </span>
    );
  }
  const text = formatCount(count.data.count, count.data.capped);
  return (
    <span className="views-count">
      {text}{' '}
      <span className="visually-hidden">{count.data.count === 1 && !count.data.capped ? 'ticket' : 'tickets'}</span>
    </span>
  );
}

export interface ViewsNavProps {
  filters: TicketFilters;
  // savedView is the id of the saved view the list shows, if any.
  savedView?: number | null;
}

// ViewsNav lists the agent's views with their counts: the built-in ones,
// then the saved ones. Each is a link to the list with the view's filters,
// so views can be bookmarked and the browser's back button returns to the
// previous one.
export function ViewsNav({ filters, savedView = null }: ViewsNavProps) {
  const active = savedView === null ? activeView(filters) : undefined;
  return (
    <nav className="views" aria-labelledby="views-title">
      <h2 id="views-title" className="views-title">
        Views
      </h2>
      <ul className="views-list">
        {views.map((v) => (
          <li key={v.id}>
            <Link
              className="views-link"
              to={`/tickets?${filtersToSearch(viewFilters(v, filters.sort))}`}
              aria-current={active?.id === v.id ? 'page' : undefined}
            >
              <span className="views-label">{v.label}</span>{' '}
              <ViewCount view={v} />
            </Link>
          </li>
        ))}
      </ul>
      <SavedViewsNav activeId={savedView} />
    </nav>
  );
}
