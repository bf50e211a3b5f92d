import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AdminNav } from './AdminNav';

describe('AdminNav', () => {
  it('links the admin pages and marks the current one', () => {
    render(
      <MemoryRouter initialEntries={['/admin/teams']}>
        <AdminNav />
      </MemoryRouter>,
    );
    const nav = screen.getByRole('navigation', { name: 'Admin' });
    expect(nav).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/admin/users');
    expect(screen.getByRole('link', { name: 'Teams' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/admin/audit');
    expect(screen.getByRole('link', { name: 'Jobs' })).toHaveAttribute('href', '/admin/jobs');
  });
});
