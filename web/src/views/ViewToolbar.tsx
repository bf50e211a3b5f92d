import { useNavigate } from 'react-router';
import type { Team, User } from '@/api/types';
import { hasFilters, sortFor, type TicketFilters } from '@/pages/tickets/filters';
import { Button } from '@/ui/Button';
import { ConfirmButton } from '@/ui/ConfirmButton';
import { FormAlert } from '@/ui/FormAlert';
import { defaultColumns, listColumns } from './columns';
import { isViewState, searchOf, viewLink } from './compose';
import { useCreateView, useDeleteView, useUpdateView } from './queries';
import { SaveViewForm } from './SaveViewForm';
import type { SavedView, ViewInput, ViewSort } from './types';

// ViewFormMode says which view form is open, if any.
export type ViewFormMode = 'create' | 'edit' | null;

interface Shared {
  filters: TicketFilters;
  // savedView is the saved view the list shows, if any.
  savedView: SavedView | undefined;
  mode: ViewFormMode;
  onMode: (mode: ViewFormMode) => void;
}

export type ViewActionsProps = Shared;

// ViewActions are the page header's buttons: save the list's search as a
// view, and edit or delete the saved view it shows (when the agent may).
export function ViewActions({ filters, savedView, mode, onMode }: ViewActionsProps) {
  const navigate = useNavigate();
  const remove = useDeleteView();
  const changed = !!savedView && !isViewState(savedView, filters);
  // A saved view shown as saved has nothing new to save.
  const canSave = savedView ? changed : filters.q !== '' || hasFilters(filters);
  if (mode !== null || (!canSave && !savedView?.can_edit)) return null;
  return (
    <div className="view-actions">
      {changed && <p className="view-actions-note">Changed from the saved view.</p>}
      {canSave && (
        <Button variant="secondary" onClick={() => onMode('create')}>
          {savedView ? 'Save as new view' : 'Save view'}
        </Button>
      )}
      {savedView?.can_edit && (
        <>
          <Button variant="secondary" onClick={() => onMode('edit')}>
            {changed ? 'Save changes to view' : 'Edit view'}
          </Button>
          <ConfirmButton
            question={`Delete the view “${savedView.name}”?`}
            confirmLabel="Delete view"
            accessibleName={`Delete view ${savedView.name}`}
            busy={remove.isPending}
            onConfirm={() => remove.mutate(savedView.id, { onSuccess: () => void navigate('/tickets') })}
          >
            Delete view
          </ConfirmButton>
        </>
      )}
      {remove.isError && <FormAlert error={remove.error} title="The view was not deleted" />}
    </div>
  );
}

export interface ViewFormPanelProps extends Shared {
  me: User;
  staff: User[];
  teams: Team[];
}

// ViewFormPanel is the open save or edit form, filled in from the list.
export function ViewFormPanel({ filters, savedView, mode, onMode, me, staff, teams }: ViewFormPanelProps) {
  const navigate = useNavigate();
  const create = useCreateView();
  const update = useUpdateView();
  if (mode === null || (mode === 'edit' && !savedView)) return null;

  const changed = !!savedView && !isViewState(savedView, filters);
  const composed = searchOf(filters, staff, teams);
  const note = composed.dropped.length > 0 ? `A view cannot keep these filters: ${composed.dropped.join(', ')}.` : undefined;
  // The order is kept only when it is not the search's own.
  const sort: ViewSort = filters.sort === sortFor(filters.q) ? '' : filters.sort;

  const initial: ViewInput =
    mode === 'edit' && savedView
      ? {
          name: savedView.name,
          query: changed ? composed.query : savedView.query,
          sort: changed ? sort : savedView.sort,
          columns: listColumns(savedView.columns),
          scope: savedView.scope,
          team_id: savedView.team_id,
        }
      : {
          name: '',
          query: composed.query,
          sort,
          columns: savedView ? listColumns(savedView.columns) : [...defaultColumns],
          scope: 'personal',
          team_id: null,
        };

  function submit(v: ViewInput) {
    const done = (view: Pick<SavedView, 'id' | 'query' | 'sort'>) => {
      onMode(null);
      void navigate(viewLink(view));
    };
    if (mode === 'edit' && savedView) update.mutate({ id: savedView.id, body: v }, { onSuccess: done });
    else create.mutate(v, { onSuccess: done });
  }

  return (
    <SaveViewForm
      key={`${mode}-${savedView?.id ?? 0}`}
      title={mode === 'edit' ? `Edit the view “${savedView?.name ?? ''}”` : 'Save this search as a view'}
      submitLabel={mode === 'edit' ? 'Save changes' : 'Save view'}
      initial={initial}
      me={me}
      teams={teams}
      note={note}
      busy={create.isPending || update.isPending}
      error={mode === 'edit' ? update.error : create.error}
      onSubmit={submit}
      onCancel={() => onMode(null)}
    />
  );
}
