// Playback: while playing, T advances at `speed` × real time, one step per animation frame. Reads
// for T coalesce in the sync (one in flight), so a slow engine lowers the frame rate, not the speed.
import { useEffect } from 'react';
import { useWallboard } from '../store';
import { replayBounds } from './replay-math';

export function useReplayPlay(): void {
  const playing = useWallboard((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let raf = requestAnimationFrame(function frame(now) {
      const s = useWallboard.getState();
      const dt = now - last; // ms
      last = now;
      // why: paused between two frames, before React has run this effect's cleanup
      if (!s.playing) return;
      if (s.replayAt === null) return s.setPlaying(false);
      const end = replayBounds(s.board, s.liveAt).to;
      const next = Math.min(end, s.replayAt + dt * s.speed);
      s.setReplayAt(Math.round(next));
      if (next >= end) return s.setPlaying(false);
      raf = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(raf);
  }, [playing]);
}
