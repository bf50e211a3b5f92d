import type { PresentUser } from './usePresence';

function PencilIcon() {
  return (
    <svg className="ticket-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M11.3 1.3a1 1 0 0 1 1.4 0l2 2a1 1 0 0 1 0 1.4l-8.5 8.5-3.4.9a.5.5 0 0 1-.6-.6l.9-3.4 8.2-8.8Z" />
    </svg>
  );
}

function EyeIcon() {
  return (
    <svg className="ticket-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M8 3C4.4 3 1.8 5.6 1 8c.8 2.4 3.4 5 7 5s6.2-2.6 7-5c-.8-2.4-3.4-5-7-5Zm0 8a3 3 0 1 1 0-6 3 3 0 0 1 0 6Z" />
    </svg>
  );
}

// PresenceBar says which other staff have the ticket open: "Alex is
// replying" stands out (a warning box with words and an icon, not colour
// alone), so two agents do not answer the customer twice; "Sam is viewing"
// stays quiet. Changes are announced politely.
export function PresenceBar({ people }: { people: PresentUser[] }) {
  return (
    <div className="presence" aria-live="polite">
      {people.length > 0 && (
        <ul className="presence-list" aria-label="Also on this ticket">
          {people.map((p) =>
            p.state === 'replying' ? (
              <li key={p.userId} className="presence-item presence-replying">
                <PencilIcon />
                <strong>{p.name} is replying</strong>
                <span className="presence-hint">Check with them before you answer the customer.</span>
              </li>
            ) : (
              <li key={p.userId} className="presence-item presence-viewing">
                <EyeIcon />
                {p.name} is viewing
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
