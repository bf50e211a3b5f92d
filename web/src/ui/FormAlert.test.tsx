import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/problem';
import { FormAlert } from './FormAlert';

const problem = { type: 'urn:triage:problem:invalid', title: 'Invalid', status: 400, detail: 'Some fields are invalid.', request_id: 'r' };

describe('FormAlert', () => {
  it('shows nothing without an error', () => {
    const { container } = render(<FormAlert error={null} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the server detail', () => {
    render(<FormAlert error={new ApiError({ ...problem, status: 429, detail: 'Too many attempts; wait a minute.' })} title="Could not sign in" />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not sign in');
    expect(alert).toHaveTextContent('Too many attempts; wait a minute.');
  });

  it('points at highlighted fields and lists the errors no input shows', () => {
    const err = new ApiError({
      ...problem,
      errors: [
        { field: 'email', message: 'Enter an email address.' },
        { field: 'time_zone', message: 'Unknown time zone.' },
      ],
    });
    render(<FormAlert error={err} fields={['email', 'password']} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Check the highlighted fields and try again.');
    expect(alert).not.toHaveTextContent('Some fields are invalid.');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('Unknown time zone.');
    expect(alert).not.toHaveTextContent('Enter an email address.');
  });

  it('lists field messages as sentences when no input shows them', () => {
    const err = new ApiError({ ...problem, detail: 'time_zone: is not a known time zone', errors: [{ field: 'time_zone', message: 'is not a known time zone' }] });
    render(<FormAlert error={err} fields={['name']} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Correct the following and try again:');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('Time zone is not a known time zone.');
  });

  it('explains unexpected errors', () => {
    render(<FormAlert error={new Error('x')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong. Reload the page and try again.');
  });
});
