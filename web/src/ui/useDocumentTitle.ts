import { useEffect } from 'react';

// useDocumentTitle sets the tab title, which screen readers announce on
// navigation, as "<title> · Triage".
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Triage` : 'Triage';
  }, [title]);
}
