// Above the replay track: what its shaded spans mean (a key for each kind of gap on the timeline)
// and, when T lies in a gap, why there is no data at T, in words a room can read: the wall shows
// the last data it had (stale, with its age) and never fills a gap in.
import { memo } from 'react';
import type { Timeline, TimelineGap } from '../../shared/api';
import { GAP_KIND_LABEL, gapReasons, gapsAt } from './replay-math';

const KINDS: TimelineGap['kind'][] = ['down', 'not-running'];

export const ReplayGaps = memo(function ReplayGaps({ timeline, at }: { timeline: Timeline | null; at: number }): React.JSX.Element | null {
  const present = KINDS.filter((k) => timeline?.gaps.some((g) => g.kind === k));
  if (present.length === 0) return null;
  const now = gapsAt(timeline, at);
  return (
    <div className="wb-replay__gaps">
      <span className="wb-replay__gap-legend" data-testid="replay-gap-legend">
        {present.map((k) => (
          <span key={k} className="wb-replay__gap-key" data-testid="replay-gap-key" data-kind={k}>
            <span className={`wb-replay__gap wb-replay__gap--${k} wb-replay__gap-swatch`} aria-hidden="true" />
            {GAP_KIND_LABEL[k]}
          </span>
        ))}
      </span>
      {now.length > 0 && (
        <span className="wb-replay__gap-now" data-testid="replay-gap-now" data-kinds={[...new Set(now.map((g) => g.kind))].join(' ')} role="status">
          No data at T: {gapReasons(now).join('; ')}
        </span>
      )}
    </div>
  );
});
