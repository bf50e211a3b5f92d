import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useDocumentTitle } from './useDocumentTitle';

describe('useDocumentTitle', () => {
  it('names the tab after the page', () => {
    const { rerender } = renderHook(({ t }) => useDocumentTitle(t), { initialProps: { t: 'Sessions' } });
    expect(document.title).toBe('Sessions · Triage');
    rerender({ t: '' });
    expect(document.title).toBe('Triage');
  });
});
