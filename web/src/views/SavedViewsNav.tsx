import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { queryKeys } from '@/api/keys';
import { useLiveEvent } from '@/live/hooks';
import { formatCount } from '@/pages/tickets/filters';
import { viewLink } from './compose';
import { useSavedViews } from './queries';
import type { SavedView } from './types';

// viewsRefreshMs is how long the sidebar waits after a ticket event before
// it asks for fresh view counts, so a busy desk costs one request per
// couple of seconds, not one per event.
export const viewsRefreshMs = 2000;

const countingEvents = new Set(['ticket.created', 'ticket.updated', 'ticket.assigned', 'ticket.hidden', 'comment.created', 'resync']);

// useViewCountRefresh refetches the views (and so their counts) a while
// after tickets change.
function useViewCountRefresh() {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useLiveEvent((frame) => {
    if (!countingEvents.has(frame.type) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void qc.invalidateQueries({ queryKey: queryKeys.savedViews });
    }, viewsRefreshMs);
  });
}

function SavedViewCount({ view }: { view: SavedView }) {
  if (view.count_error) {
    return (
      <span className="views-count" title="The count could not be loaded">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">count unavailable</span>
      </span>
    );
  }
  return (
    <span className="views-count">
      {formatCount(view.count, view.count_capped)}{' '}
      <span className="visually-hidden">{view.count === 1 && !view.count_capped ? 'ticket' : 'tickets'}</span>
    </span>
  );
}

const scopeNote: Record<SavedView['scope'], string> = {
  personal: '',
  team: 'shared with a team',
  everyone: 'shared with everyone',
};

export interface SavedViewsNavProps {
  // activeId is the saved view the list shows, if any.
  activeId: number | null;
}

// SavedViewsNav lists the saved views the agent may see, under the
// built-in ones, each with its count. Each is a link to the list with the
// view's search.
export function SavedViewsNav({ activeId }: SavedViewsNavProps) {
  const views = useSavedViews();
  useViewCountRefresh();
  return (
    <div className="views-saved">
      <h2 id="saved-views-title" className="views-title">
        Saved views
      </h2>
      {views.isPending && <p className="views-empty">Loading saved views…</p>}
      {views.isError && !views.data && <p className="views-empty">The saved views could not be loaded.</p>}
      {views.data?.length === 0 && <p className="views-empty">None yet. Search, then choose “Save view”.</p>}
      {views.data && views.data.length > 0 && (
        <ul className="views-list" aria-labelledby="saved-views-title">
          {views.data.map((v) => (
            <li key={v.id}>
              <Link className="views-link" to={viewLink(v)} aria-current={activeId === v.id ? 'page' : undefined}>
                <span className="views-label">
                  {v.name}
                  {scopeNote[v.scope] && (
                    <>
                      {' '}
                      <span className="visually-hidden">({scopeNote[v.scope]})</span>
                    </>
                  )}
                </span>{' '}
                <SavedViewCount view={v} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
