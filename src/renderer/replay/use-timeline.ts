// Reads the engine's timeline (incident marks, data gaps with their reason) into the store: the
// replay bar draws it and every chart shades its own source's gaps from it, live and in replay.
// Replay reads it at once and every minute. Live reads it a while after the wall opened (its first
// paint asks the engine for nothing: the page carries its data), every minute, and every few
// seconds while a source is down, so a live band follows an outage as it goes on.
import { useEffect } from 'react';
import type { EngineApi } from '../../shared/api';
import type { StatusReport } from '../../shared/api';
import { useWallboard } from '../store';
import { replayBounds } from './replay-math';

const REFRESH_MS = 60_000;
/** ms after a live wall opens before its first read */
const LIVE_FIRST_READ_MS = 10_000;
/** ms between reads while a source is down (or just came back) */
const DOWN_REFRESH_MS = 5_000;

/** The sources the report says are down, as one key ('' when none). */
export function downKey(status: StatusReport | null): string {
  return (status?.sources ?? [])
    .filter((s) => s.state === 'down')
    .map((s) => s.sourceId)
    .sort()
    .join(' ');
}

export function useTimeline(api: Pick<EngineApi, 'request'>): void {
  const replaying = useWallboard((s) => s.mode === 'replay');
  const boardVersion = useWallboard((s) => s.board?.version);
  useEffect(() => {
    if (boardVersion === undefined) return undefined;
    let stopped = false;
    let inFlight = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRead = -Infinity; // performance.now() ms
    let down = downKey(useWallboard.getState().status);
    const later = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void read(), ms);
    };
    const read = async (): Promise<void> => {
      if (inFlight || stopped) return;
      inFlight = true;
      const s = useWallboard.getState();
      try {
        const t = await api.request('timeline', replayBounds(s.board, s.liveAt));
        if (!stopped) useWallboard.getState().setTimeline(t);
      } catch (e) {
        console.warn(`wallboard: timeline: ${e instanceof Error ? e.message : String(e)}`);
      }
      inFlight = false;
      lastRead = performance.now();
      if (!stopped) later(!replaying && down !== '' ? DOWN_REFRESH_MS : REFRESH_MS);
    };
    const haveOne = useWallboard.getState().timeline !== null;
    if (replaying || haveOne) void read();
    else later(LIVE_FIRST_READ_MS);
    // why: an outage starting or ending changes the gaps of the live window; re-read soon after
    const offStatus = useWallboard.subscribe(
      (s) => s.status,
      (status) => {
        const key = downKey(status);
        if (key === down) return;
        down = key;
        if (replaying || inFlight) return;
        later(Math.max(0, lastRead + DOWN_REFRESH_MS - performance.now()));
      },
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
      offStatus();
    };
  }, [api, replaying, boardVersion]);
}
