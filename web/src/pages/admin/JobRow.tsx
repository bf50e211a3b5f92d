import { errorMessage } from '@/api/problem';
import { Button } from '@/ui/Button';
import { ConfirmButton } from '@/ui/ConfirmButton';
import { DateTime } from '@/ui/DateTime';
import { canDiscard, canRetry, stateLabels } from './jobStates';
import { useDiscardJob, useRetryJob, type Job } from './queries';

export interface JobRowProps {
  job: Job;
  // onDone announces what happened, e.g. "Job #12 will run again now."
  onDone: (message: string) => void;
}

// firstLine is an error's first line, for the table; the full text is one
// click away.
function firstLine(s: string): string {
  const line = s.split('\n', 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

// JobRow is one background job: what it is, how it is doing, its errors
// and the Retry and Discard actions, with their own error message.
export function JobRow({ job, onDone }: JobRowProps) {
  const retry = useRetryJob();
  const discard = useDiscardJob();
  const error = retry.error ?? discard.error;
  const last = job.errors.at(-1);
  const name = `job #${job.id} (${job.kind})`;

  return (
    <tr>
      <td className="admin-cell-main">
        <code className="job-kind">{job.kind}</code>
        <div className="admin-muted">
          #{job.id} · queue {job.queue}
        </div>
      </td>
      <td data-label="State">
        <span className={`badge job-state job-state-${job.state}`}>{stateLabels[job.state] ?? job.state}</span>
      </td>
      <td data-label="Attempts" className="admin-nowrap">
        {job.attempt} / {job.max_attempts}
      </td>
      <td data-label="Last error" className="job-error-cell">
        {last ? (
          <div>
            <p className="job-error">{firstLine(last.error)}</p>
            <details className="job-errors">
              <summary>
                All errors ({job.errors.length})<span className="visually-hidden"> of {name}</span>
              </summary>
              <ol>
                {job.errors.map((e, i) => (
                  <li key={i}>
                    <p className="admin-muted">
                      Attempt {e.attempt}, <DateTime value={e.at} />
                    </p>
                    <pre className="job-error-text">{e.error}</pre>
                  </li>
                ))}
              </ol>
            </details>
          </div>
        ) : (
          <span className="admin-muted">None</span>
        )}
      </td>
      <td data-label="Times" className="job-times">
        <dl>
          <dt>Created</dt>
          <dd>
            <DateTime value={job.created_at} />
          </dd>
          {job.attempted_at && (
            <>
              <dt>Last tried</dt>
              <dd>
                <DateTime value={job.attempted_at} />
              </dd>
            </>
          )}
          {job.finalized_at ? (
            <>
              <dt>Finished</dt>
              <dd>
                <DateTime value={job.finalized_at} />
              </dd>
            </>
          ) : (
            <>
              <dt>{job.state === 'retryable' ? 'Next try' : 'Runs at'}</dt>
              <dd>
                <DateTime value={job.scheduled_at} />
              </dd>
            </>
          )}
        </dl>
      </td>
      <td data-label="Actions">
        <div className="admin-actions">
          {canRetry(job.state) && (
            <Button
              onClick={() => {
                discard.reset();
                retry.mutate(job.id, { onSuccess: () => onDone(`Job #${job.id} (${job.kind}) will run again now.`) });
              }}
              busy={retry.isPending}
              busyLabel="Retrying…"
              aria-label={`Retry ${name}`}
            >
              Retry
            </Button>
          )}
          {canDiscard(job.state) && (
            <ConfirmButton
              question={job.finalized_at ? 'Delete this job for good?' : 'Cancel this job?'}
              confirmLabel="Discard"
              accessibleName={`Discard ${name}`}
              busy={discard.isPending}
              onConfirm={() => {
                retry.reset();
                discard.mutate(job.id, { onSuccess: () => onDone(`Job #${job.id} (${job.kind}) was discarded.`) });
              }}
            >
              Discard
            </ConfirmButton>
          )}
        </div>
        {error !== null && (
          <p className="field-error job-row-error" role="alert">
            {retry.error ? 'Not retried: ' : 'Not discarded: '}
            {errorMessage(error)}
          </p>
        )}
      </td>
    </tr>
  );
}
