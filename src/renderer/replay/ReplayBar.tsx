// The replay bar (`data-testid="replay"`), shown while the wall replays: what moment it is (large,
// readable across a room), the 24 h timeline, step / incident / play controls, and back to live.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EngineApi } from '../../shared/api';
import { formatClock } from '../format/clock';
import { useWallboard } from '../store';
import { REPLAY_SPEEDS } from '../store/types';
import { jumpIncident, scrubTo, step, togglePlay } from './replay-actions';
import { replayBounds } from './replay-math';
import { ReplayGaps } from './ReplayGaps';
import { ReplayTimeline } from './ReplayTimeline';
import { useReplayKeys } from './use-replay-keys';
import { useReplayPlay } from './use-replay-play';
import { useTimeline } from './use-timeline';
import './replay.css';

/** Keys, playback and the timeline feed; mounted once for the whole app (`r` works from live too). */
export function ReplayControl({ api }: { api: Pick<EngineApi, 'request'> }): null {
  useReplayKeys();
  useReplayPlay();
  useTimeline(api);
  return null;
}

function Button({ label, title, testId, onClick, active }: { label: string; title: string; testId: string; onClick(): void; active?: boolean }): React.JSX.Element {
  return (
    <button
      type="button"
      className={`wb-replay__btn${active ? ' wb-replay__btn--on' : ''}`}
      data-testid={testId}
      {...(active !== undefined ? { 'data-active': String(active) } : {})}
      title={title}
      aria-label={title}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

export function ReplayBar(): React.JSX.Element | null {
  const { at, playing, speed, timeline, timezone, recording, liveAt, board } = useWallboard(
    useShallow((s) => ({
      at: s.replayAt,
      playing: s.playing,
      speed: s.speed,
      timeline: s.timeline,
      timezone: s.board?.timezone,
      recording: s.board?.recording,
      liveAt: s.liveAt,
      board: s.board,
    })),
  );
  const setSpeed = useWallboard((s) => s.setSpeed);
  const exitReplay = useWallboard((s) => s.exitReplay);
  // why: a new object only when the span moves, so the marks are not redrawn every frame
  const bounds = useMemo(() => replayBounds(board, liveAt), [board, liveAt]);
  if (at === null) return null;
  const { date, time, zone } = formatClock(at, timezone, true);
  return (
    <section className="wb-replay" data-testid="replay" data-playing={playing} aria-label="Replay">
      <div className="wb-replay__row">
        <span className="wb-replay__badge" data-testid="replay-indicator">
          {recording ? 'RECORDING' : 'REPLAY'}
        </span>
        <span className="wb-replay__when" data-testid="replay-time" data-at={at}>
          <span className="wb-replay__date">{date}</span>
          <span className="wb-replay__time">{time}</span>
          <span className="wb-replay__zone">{zone}</span>
        </span>
        {recording && (
          <span className="wb-replay__file" title="a recording: read-only, nothing is polled">
            {recording.file} · read-only
          </span>
        )}
        <span className="wb-replay__controls">
          <Button label="◂ Incident" title="Previous incident ([)" testId="replay-prev-incident" onClick={() => jumpIncident(-1)} />
          <Button label="−5m" title="Back 5 minutes (<)" testId="replay-back-5m" onClick={() => step(-1, true)} />
          <Button label="‹" title="Back one interval (,)" testId="replay-back" onClick={() => step(-1, false)} />
          <Button label={playing ? '❚❚ Pause' : '▶ Play'} title="Play / pause (space)" testId="replay-play" onClick={() => togglePlay()} active={playing} />
          <Button label="›" title="Forward one interval (.)" testId="replay-forward" onClick={() => step(1, false)} />
          <Button label="+5m" title="Forward 5 minutes (>)" testId="replay-forward-5m" onClick={() => step(1, true)} />
          <Button label="Incident ▸" title="Next incident (])" testId="replay-next-incident" onClick={() => jumpIncident(1)} />
          <span className="wb-replay__speeds" role="group" aria-label="Speed">
            {REPLAY_SPEEDS.map((x) => (
              <Button key={x} label={`${x}×`} title={`Play at ${x}×`} testId={`replay-speed-${x}`} onClick={() => setSpeed(x)} active={speed === x} />
            ))}
          </span>
          {!recording && <Button label="Back to live" title="Back to live (r)" testId="replay-live" onClick={exitReplay} />}
        </span>
      </div>
      <ReplayGaps timeline={timeline} at={at} />
      <ReplayTimeline bounds={bounds} timeline={timeline} at={at} timezone={timezone} onScrub={(t) => scrubTo(t)} />
    </section>
  );
}
