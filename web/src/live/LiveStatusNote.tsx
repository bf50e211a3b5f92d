import { useEffect, useState } from 'react';
import { useLiveStatus } from './hooks';
import './live.css';

export const pausedAfterMs = 4_000;

// LiveStatusNote says, after a few seconds without a connection, that the
// page is not updating by itself. It is quiet while connected, and during
// short blips such as a server restart.
export function LiveStatusNote() {
  const status = useLiveStatus();
  const down = status === 'connecting' || status === 'waiting';
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (!down) return;
    const t = setTimeout(() => setPaused(true), pausedAfterMs);
    return () => {
      clearTimeout(t);
      setPaused(false);
    };
  }, [down]);

  return (
    <p className="live-status" role="status">
      {paused && down ? (
        <>
          <span className="live-status-dot" aria-hidden="true" />
          Live updates paused — reconnecting…
        </>
      ) : null}
    </p>
  );
}
