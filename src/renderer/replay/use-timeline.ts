// Reads the replay timeline (incident marks, gaps) when replay starts and every minute while it lasts.
import { useEffect } from 'react';
import type { EngineApi } from '../../shared/api';
import { useWallboard } from '../store';
import { replayBounds } from './replay-math';

const REFRESH_MS = 60_000;

export function useTimeline(api: Pick<EngineApi, 'request'>): void {
  const replaying = useWallboard((s) => s.mode === 'replay');
  const boardVersion = useWallboard((s) => s.board?.version);
  useEffect(() => {
    if (!replaying) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async (): Promise<void> => {
      const s = useWallboard.getState();
      try {
        const t = await api.request('timeline', replayBounds(s.board, s.liveAt));
        if (!stopped) useWallboard.getState().setTimeline(t);
      } catch (e) {
        console.warn(`wallboard: timeline: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!stopped) timer = setTimeout(() => void read(), REFRESH_MS);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, replaying, boardVersion]);
}
