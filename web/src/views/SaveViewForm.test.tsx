import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import { makeUser } from '@/test/api';
import { SaveViewForm, type SaveViewFormProps } from './SaveViewForm';
import type { ViewInput } from './types';

const initial: ViewInput = { name: '', query: 'printer status:open', sort: '', columns: ['id', 'subject', 'status'], scope: 'personal', team_id: null };
const teams = [{ id: 3, name: 'Billing', description: '', created_at: '', updated_at: '' }];

function setup(over: Partial<SaveViewFormProps> = {}) {
  const onSubmit = vi.fn();
  const user = userEvent.setup();
  render(
    <SaveViewForm
      title="Save this search as a view"
      submitLabel="Save view"
      initial={initial}
      me={makeUser({ role: 'agent' })}
      teams={teams}
      busy={false}
      error={null}
      onSubmit={onSubmit}
      onCancel={vi.fn()}
      {...over}
    />,
  );
  return { onSubmit, user };
}

describe('SaveViewForm', () => {
  it('wants a name before it sends anything', async () => {
    const { onSubmit, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const name = screen.getByLabelText('Name');
    expect(name).toHaveAccessibleDescription('Give the view a name.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();
    // The message goes as soon as the name is there.
    await user.type(name, 'Printers');
    expect(screen.queryByText('Give the view a name.')).not.toBeInTheDocument();
  });

  it('refuses a name over 100 characters', async () => {
    const { onSubmit, user } = setup();
    await user.click(screen.getByLabelText('Name'));
    await user.paste('x'.repeat(101));
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Keep the name to 100 characters or fewer.')).toBeInTheDocument();
  });

  it('sends the name, search, order and columns', async () => {
    const { onSubmit, user } = setup();
    await user.type(screen.getByLabelText('Name'), '  Open printers ');
    await user.selectOptions(screen.getByLabelText('Order'), 'Priority, highest first');
    await user.click(screen.getByRole('checkbox', { name: 'Status' }));
    await user.click(screen.getByRole('checkbox', { name: 'Tags' }));
    expect(screen.getByRole('checkbox', { name: /Subject/ })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    expect(onSubmit).toHaveBeenCalledWith({
      name: 'Open printers',
      query: 'printer status:open',
      sort: '-priority',
      columns: ['id', 'subject', 'tags'],
      scope: 'personal',
      team_id: null,
    });
  });

  it('offers sharing to admins only, and a team view needs its team', async () => {
    expect(screen.queryByRole('group', { name: 'Who sees it' })).not.toBeInTheDocument();
    const { onSubmit, user } = setup({ me: makeUser({ role: 'admin' }), initial: { ...initial, name: 'Billing queue' } });
    await user.click(screen.getByRole('radio', { name: 'A team' }));
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Choose the team to share the view with.')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), 'Billing');
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ scope: 'team', team_id: 3 }));
  });

  it("shows the server's word on the search by the search field", () => {
    const error = new ApiError({
      type: 'urn:triage:problem:invalid',
      title: 'Invalid',
      status: 400,
      detail: 'query: at 0: unknown field',
      request_id: 'r',
      errors: [{ field: 'query', message: 'at 0: unknown field "stauts"' }],
    });
    setup({ error, initial: { ...initial, name: 'x' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted fields');
    expect(screen.getByLabelText('Search')).toHaveAccessibleDescription(/unknown field "stauts"/);
  });
});
