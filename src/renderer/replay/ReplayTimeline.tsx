// The replay bar's track: the whole replayable span with shaded data gaps (and why), incident marks
// coloured by severity, hour ticks and the cursor at T. Press or drag anywhere to move T there.
import { memo, useCallback, useRef } from 'react';
import type { Timeline } from '../../shared/api';
import { formatTick } from '../format/clock';
import { fraction, gapTitle, tickStep, ticks } from './replay-math';

export interface ReplayTimelineProps {
  bounds: { from: number; to: number };
  timeline: Timeline | null;
  at: number;
  timezone: string | undefined;
  onScrub(at: number): void;
}

const pct = (f: number): string => `${(f * 100).toFixed(3)}%`;

/** Marks and gaps change only when the timeline is re-read; drawn apart from the moving cursor. */
const Marks = memo(function Marks({ bounds, timeline, timezone }: Omit<ReplayTimelineProps, 'at' | 'onScrub'>): React.JSX.Element {
  const step = tickStep(bounds);
  return (
    <>
      {(timeline?.gaps ?? []).map((g) => (
        <div
          key={`${g.sourceId}-${g.from}`}
          className={`wb-replay__gap wb-replay__gap--${g.kind}`}
          data-testid="replay-gap"
          data-kind={g.kind}
          style={{ left: pct(fraction(g.from, bounds)), width: pct(fraction(g.to, bounds) - fraction(g.from, bounds)) }}
          title={gapTitle(g, timezone)}
        />
      ))}
      {ticks(bounds, step).map((t) => (
        <div key={t} className="wb-replay__tick" style={{ left: pct(fraction(t, bounds)) }}>
          <span>{formatTick(t, timezone, step < 60_000)}</span>
        </div>
      ))}
      {(timeline?.incidents ?? []).map((i) => (
        <div
          key={i.id}
          className={`wb-replay__mark wb-replay__mark--${i.severity}`}
          data-testid="replay-incident"
          data-severity={i.severity}
          data-opened-at={i.openedAt}
          style={{
            left: pct(fraction(i.openedAt, bounds)),
            width: `max(0.25rem, ${pct(fraction(i.resolvedAt ?? bounds.to, bounds) - fraction(i.openedAt, bounds))})`,
          }}
          title={`${i.severity}: ${i.title}`}
        />
      ))}
    </>
  );
});

export function ReplayTimeline({ bounds, timeline, at, timezone, onScrub }: ReplayTimelineProps): React.JSX.Element {
  const track = useRef<HTMLDivElement>(null);
  const timeAt = useCallback(
    (clientX: number): number => {
      const r = track.current?.getBoundingClientRect();
      if (!r || r.width <= 0) return at;
      const f = Math.min(1, Math.max(0, (clientX - r.left) / r.width));
      return Math.round(bounds.from + f * (bounds.to - bounds.from));
    },
    [at, bounds],
  );
  const onDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    e.currentTarget.setPointerCapture(e.pointerId);
    onScrub(timeAt(e.clientX));
  };
  const onMove = (e: React.PointerEvent<HTMLDivElement>): void => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) onScrub(timeAt(e.clientX));
  };
  return (
    <div
      ref={track}
      className="wb-replay__track"
      data-testid="replay-track"
      data-from={bounds.from}
      data-to={bounds.to}
      onPointerDown={onDown}
      onPointerMove={onMove}
      role="slider"
      aria-label="Replay time"
      aria-valuemin={bounds.from}
      aria-valuemax={bounds.to}
      aria-valuenow={at}
    >
      <Marks bounds={bounds} timeline={timeline} timezone={timezone} />
      <div className="wb-replay__cursor-at" style={{ transform: `translateX(${pct(fraction(at, bounds))})` }}>
        <div className="wb-replay__cursor" />
      </div>
    </div>
  );
}
