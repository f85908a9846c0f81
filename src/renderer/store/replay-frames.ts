// Replay frames (the snapshot and the visible series as of T, read together by sync.ts) are shown
// at the next animation frame: one style, layout and paint for both, not one per answer. At most
// one frame is shown per animation frame, the newest read by then; never an older one after a newer.

export interface ReplayFrames {
  /** A frame read for `at`: shown at the next animation frame, unless a newer one replaces it first. */
  offer(at: number, show: () => void): void;
  /** Another read's answer: applied after a frame still waiting (which was read before it). */
  inOrder(apply: () => void): void;
}

/**
 * `stillReplaying`: false once the wall went back to live (or the sync stopped), when a waiting
 * frame would flash the other mode; `shown(at)` after a frame is in the store.
 */
export function replayFrames(nextFrame: (show: () => void) => void, stillReplaying: () => boolean, shown: (at: number) => void): ReplayFrames {
  let waiting: { at: number; show: () => void } | null = null;
  function flush(): void {
    const f = waiting;
    waiting = null;
    if (!f || !stillReplaying()) return;
    f.show();
    shown(f.at);
  }
  return {
    offer(at, show) {
      const queued = waiting !== null;
      waiting = { at, show };
      if (!queued) nextFrame(flush);
    },
    inOrder(apply) {
      if (waiting) flush();
      apply();
    },
  };
}
