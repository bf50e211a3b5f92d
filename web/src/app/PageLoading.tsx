import { LoadingState } from '@/ui/states';

// PageLoading fills the screen while the first page's code downloads.
export function PageLoading() {
  return (
    <div className="full-page">
      <LoadingState label="Loading Triage" />
    </div>
  );
}
