import { Link } from 'react-router';
import { PageHeader } from '@/ui/PageHeader';
import { useDocumentTitle } from '@/ui/useDocumentTitle';

// NotFoundPage answers addresses the app does not know.
export default function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is no page at this address. Check it for typos, or go back to the start page.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </>
  );
}
