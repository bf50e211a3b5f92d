import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import NotFoundPage from './NotFoundPage';

describe('NotFoundPage', () => {
  it('says the page does not exist and links to the start', () => {
    mockApi();
    renderWithProviders(<NotFoundPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });
});
