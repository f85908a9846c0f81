// One Performance API mark per replay frame: the wall holds the snapshot and every visible chart's
// window as of T. The scrub benchmark counts and times frames from it. The previous mark is cleared
// first, so hours of playback (10+ frames a second) do not grow the performance buffer; observers
// still see every one.
export const REPLAY_FRAME_MARK = 'wallboard:replay-frame';

export function markReplayFrame(at: number): void {
  performance.clearMarks(REPLAY_FRAME_MARK);
  performance.mark(REPLAY_FRAME_MARK, { detail: { at } });
}
