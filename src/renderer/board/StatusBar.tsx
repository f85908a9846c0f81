// The bottom bar: where we are (board, page), whether it is live, each source's health, the time.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SourceStatus } from '../../shared/model';
import { formatAge } from '../../shared/duration';
import { formatClock } from '../format/clock';
import { IncidentsToggle } from '../incidents/IncidentsToggle';
import { useWallboard } from '../store';
import { pauseReason } from './rotation';

function SourceChip({ s }: { s: SourceStatus }): React.JSX.Element {
  const detail =
    s.state === 'ok' ? '' : s.state === 'stale' ? `${s.dataAgeMs !== undefined ? formatAge(s.dataAgeMs) : '?'} old` : `down${s.reason ? `: ${s.reason}` : ''}`;
  return (
    <span
      className={`wb-chip wb-chip--${s.state}`}
      data-testid="source-status"
      data-source-id={s.sourceId}
      data-state={s.state}
      title={`${s.sourceId} (${s.kind}): ${s.state}${s.reason ? ` — ${s.reason}` : ''}`}
    >
      <span className="wb-chip__dot" />
      <span className="wb-chip__id">{s.sourceId}</span>
      {detail && <span className="wb-chip__detail">{detail}</span>}
    </span>
  );
}

/** Live: HH:MM, ticking once a minute; HH:MM:SS with `?seconds=1` (a repaint of the wall every
 *  second). Replay (fixedAt): T to the second, as the operator moves it. */
function Clock({ timezone, fixedAt, seconds }: { timezone: string | undefined; fixedAt: number | undefined; seconds: boolean }): React.JSX.Element {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const period = seconds ? 1_000 : 60_000; // ms
    let t: ReturnType<typeof setTimeout>;
    const step = (): void => {
      setNow(Date.now());
      t = setTimeout(step, period - (Date.now() % period)); // ms: align to the second or the minute
    };
    step();
    return () => clearTimeout(t);
  }, [seconds]);
  const full = formatClock(fixedAt ?? now, timezone);
  const { date, zone } = full;
  const time = seconds || fixedAt !== undefined ? full.time : full.time.slice(0, 5); // HH:MM of HH:MM:SS
  return (
    <span className="wb-clock" data-testid="clock">
      <span className="wb-clock__date">{date}</span>
      <span className="wb-clock__time">{time}</span>
      <span className="wb-clock__zone">{zone}</span>
    </span>
  );
}

function BrandFilter(): React.JSX.Element | null {
  const brands = useWallboard((s) => s.board?.brands);
  const value = useWallboard((s) => s.brandFilter);
  const set = useWallboard((s) => s.setBrandFilter);
  if (!brands || brands.length < 2) return null;
  return (
    <select className="wb-brand-filter" data-testid="brand-filter" value={value ?? ''} onChange={(e) => set(e.target.value || null)} aria-label="Brand filter">
      <option value="">All brands</option>
      {brands.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
    </select>
  );
}

/** Why rotation is stopped; re-evaluated every second because an input pause ends on its own. */
function PauseMark(): React.JSX.Element | null {
  const rotation = useWallboard((s) => s.rotation);
  const [, setTick] = useState(0);
  useEffect(() => {
    let t: ReturnType<typeof setTimeout>;
    const step = (): void => {
      setTick((n) => n + 1);
      t = setTimeout(step, 1_000);
    };
    t = setTimeout(step, 1_000);
    return () => clearTimeout(t);
  }, []);
  const paused = pauseReason(rotation, performance.now());
  if (paused === 'hold') return <span className="wb-status__pause wb-status__pause--hold" data-testid="rotation-state" data-rotation="hold">HELD · critical</span>;
  if (paused === 'manual') return <span className="wb-status__pause" data-testid="rotation-state" data-rotation="manual">PAUSED</span>;
  if (paused === 'input') return <span className="wb-status__pause" data-testid="rotation-state" data-rotation="input">paused</span>;
  return null;
}

export function StatusBar({ seconds = false }: { seconds?: boolean }): React.JSX.Element {
  const { title, pages, index, mode, connection, snapAt } = useWallboard(
    useShallow((s) => ({
      title: s.board?.title ?? 'Wallboard',
      pages: s.board?.pages,
      index: s.rotation.index,
      mode: s.mode,
      connection: s.connection.state,
      snapAt: s.snapshot?.at,
    })),
  );
  const timezone = useWallboard((s) => s.board?.timezone);
  // why: the status report from the event stream is fresher than the snapshot between ticks
  const sources = useWallboard((s) => {
    const st = s.status;
    const snap = s.snapshot;
    if (s.mode === 'replay') return snap?.sources;
    return st && (!snap || st.at >= snap.at) ? st.sources : (snap?.sources ?? st?.sources);
  });
  const page = pages?.[index];
  const live = mode === 'live' && connection === 'open';
  return (
    <footer className="wb-status" data-testid="status-bar">
      <div className="wb-status__row">
        <span className="wb-status__where">
          <span className="wb-status__title">{title}</span>
          {page && <span className="wb-status__page">{page.title}</span>}
          {pages && pages.length > 1 && (
            <span className="wb-status__dots" aria-label={`page ${index + 1} of ${pages.length}`}>
              {pages.map((p, i) => (
                <span key={p.id} className={`wb-status__dot${i === index ? ' wb-status__dot--on' : ''}`} />
              ))}
            </span>
          )}
          <PauseMark />
        </span>
        <span className="wb-status__sources">
          {(sources ?? []).map((s) => (
            <SourceChip key={s.sourceId} s={s} />
          ))}
        </span>
        <span className="wb-status__right">
          <BrandFilter />
          <IncidentsToggle />
          <span className={`wb-live wb-live--${mode === 'replay' ? 'replay' : live ? 'on' : 'off'}`} data-testid="live-indicator">
            {mode === 'replay' ? 'REPLAY' : live ? 'LIVE' : 'NO LINK'}
          </span>
          <Clock timezone={timezone} fixedAt={mode === 'replay' ? snapAt : undefined} seconds={seconds} />
        </span>
      </div>
    </footer>
  );
}
