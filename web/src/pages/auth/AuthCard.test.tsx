import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuthCard } from './AuthCard';

describe('AuthCard', () => {
  it('is the main landmark with the page heading and footer', () => {
    render(
      <AuthCard title="Sign in" footer={<p>footer text</p>}>
        <p>form</p>
      </AuthCard>,
    );
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('region', { name: 'Sign in' })).toHaveTextContent('form');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('footer text')).toBeInTheDocument();
  });
});
