import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SelectField } from './SelectField';

describe('SelectField', () => {
  it('labels its select and describes it with the hint', async () => {
    render(
      <SelectField label="Role" name="role" hint="What they may do." defaultValue="agent">
        <option value="agent">Agent</option>
        <option value="admin">Admin</option>
      </SelectField>,
    );
    const select = screen.getByLabelText('Role');
    expect(select).toHaveAttribute('name', 'role');
    expect(select).toHaveValue('agent');
    expect(select).not.toHaveAttribute('aria-invalid');
    expect(select).toHaveAccessibleDescription('What they may do.');
    await userEvent.selectOptions(select, 'admin');
    expect(select).toHaveValue('admin');
  });

  it('marks the select invalid and reads the error with it', () => {
    render(
      <SelectField label="Type" name="type" error="must be one of question, incident">
        <option value="x">X</option>
      </SelectField>,
    );
    const select = screen.getByLabelText('Type');
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('must be one of question, incident');
  });
});
