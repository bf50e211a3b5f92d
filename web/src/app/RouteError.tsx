import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useDocumentTitle } from '@/ui/useDocumentTitle';

// isChunkLoadError spots a lazy page that failed to download, usually
// because a new version was deployed while this tab was open.
function isChunkLoadError(err: unknown): boolean {
  return err instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(err.message);
}

// RouteError replaces the page when a route throws, and says what to do.
export function RouteError() {
  const err = useRouteError();
  useDocumentTitle('Something went wrong');
  let title = 'Something went wrong';
  let advice = 'Reload the page. If it keeps happening, tell your administrator what you were doing.';
  if (isChunkLoadError(err)) {
    title = 'Triage has been updated';
    advice = 'Reload the page to get the new version.';
  } else if (isRouteErrorResponse(err) && err.status === 404) {
    title = 'Page not found';
    advice = 'Check the address, or go back to the start page.';
  }
  return (
    <main id="main" className="full-page">
      <div className="state state-error" role="alert">
        <h1 className="state-title">{title}</h1>
        <p className="state-body">{advice}</p>
        <p className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
            Reload
          </button>
          <Link to="/">Go to the start page</Link>
        </p>
      </div>
    </main>
  );
}
