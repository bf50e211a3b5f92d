import { errorMessage } from '@/api/problem';
import { Button } from '@/ui/Button';
import type { BulkResult } from './queries';

export type BulkOutcome = { describe: string; result: BulkResult } | { describe: string; error: unknown };

// BulkResultAlert tells what a bulk change did: how many tickets changed,
// and for each one that did not, why.
export function BulkResultAlert({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss: () => void }) {
  if ('error' in outcome) {
    return (
      <div className="alert alert-error ticket-bulk-result" role="alert">
        <p className="alert-title">{outcome.describe}: the change failed</p>
        <p>{errorMessage(outcome.error)} No ticket was changed; the selection is kept so you can try again.</p>
        <Button variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    );
  }
  const { updated, failed } = outcome.result;
  const n = (k: number) => `${k} ticket${k === 1 ? '' : 's'}`;
  if (failed.length === 0) {
    return (
      <div className="alert alert-success ticket-bulk-result" role="status">
        <p className="alert-title">
          {outcome.describe}: {n(updated.length)} updated.
        </p>
        <Button variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    );
  }
  return (
    <div className="alert alert-error ticket-bulk-result" role="alert">
      <p className="alert-title">
        {outcome.describe}: {n(updated.length)} updated, {n(failed.length)} not.
      </p>
      <ul>
        {failed.map((f) => (
          <li key={f.id}>
            #{f.id}: {f.message}
          </li>
        ))}
      </ul>
      <p>The tickets that were not updated are still selected.</p>
      <Button variant="ghost" onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}
