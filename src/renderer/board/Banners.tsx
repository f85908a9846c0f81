// Banners that must not be missed: lost connection to the engine, and a bad board file.
import { useEffect, useState } from 'react';
import { useWallboard } from '../store';
import { useBlink } from './use-blink';

/** ms of "connecting" at start-up before it counts as a lost link. */
const CONNECT_GRACE_MS = 5_000;

function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let t: ReturnType<typeof setTimeout>;
    const step = (): void => {
      setNow(Date.now());
      t = setTimeout(step, periodMs);
    };
    t = setTimeout(step, periodMs);
    return () => clearTimeout(t);
  }, [periodMs]);
  return now;
}

export function ConnectionBanner(): React.JSX.Element | null {
  const c = useWallboard((s) => s.connection);
  const now = useNow(1_000);
  const lost = c.state === 'lost' || (c.state === 'connecting' && now - c.since > CONNECT_GRACE_MS);
  const blink = useBlink(lost ? String(c.since) : undefined);
  if (!lost) return null;
  const secs = Math.max(0, Math.round((now - c.since) / 1000));
  const retry = c.retryAt !== undefined ? Math.max(0, Math.ceil((c.retryAt - now) / 1000)) : undefined;
  return (
    <div className={`wb-banner wb-banner--connection${blink.on ? ' wb-banner--dim' : ''}`} data-testid="connection-banner" role="alert">
      <strong>Connection to the engine lost</strong>
      <span>
        {secs}s ago · data on screen is not updating · reconnecting{retry !== undefined ? ` in ${retry}s` : '…'}
        {c.attempt > 1 ? ` (attempt ${c.attempt})` : ''}
      </span>
    </div>
  );
}

export function ConfigErrorBanner(): React.JSX.Element | null {
  const err = useWallboard((s) => s.status?.configError ?? s.board?.configError);
  if (!err) return null;
  const shown = err.errors.slice(0, 3);
  return (
    <div className="wb-banner wb-banner--config" data-testid="config-error" role="alert">
      <strong>Board file has errors — still showing the last good board</strong>
      <ul>
        {shown.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
        {err.errors.length > shown.length && <li>+{err.errors.length - shown.length} more</li>}
      </ul>
    </div>
  );
}
