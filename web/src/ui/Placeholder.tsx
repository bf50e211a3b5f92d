import { PageHeader } from './PageHeader';
import { useDocumentTitle } from './useDocumentTitle';

export interface PlaceholderProps {
  title: string;
  // what will be here, in a sentence.
  planned: string;
}

// Placeholder marks a page that is routed but not built yet. It must never
// pass for a finished page: it says so in words and in a striped box.
export function Placeholder({ title, planned }: PlaceholderProps) {
  useDocumentTitle(`${title} (not built yet)`);
  return (
    <>
      <PageHeader title={title} />
      <div className="placeholder" role="note">
        <p className="placeholder-badge">Not built yet</p>
        <p>{planned}</p>
        <p>This page is a placeholder in the routes table; nothing here works yet.</p>
      </div>
    </>
  );
}
