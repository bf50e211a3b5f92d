import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Alert } from './Alert';

describe('Alert', () => {
  it('announces errors at once', () => {
    render(
      <Alert tone="error" title="Failed">
        <p>Try again.</p>
      </Alert>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('FailedTry again.');
  });

  it('announces other tones politely', () => {
    render(<Alert tone="success">Saved.</Alert>);
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
    expect(screen.getByRole('status')).toHaveClass('alert-success');
  });
});
