// How an engine replays an opened recording (`serve --replay`, the desktop app's File → Open): its
// board and buffer from the recording's temp dir, the clock stopped at the recording's end, no
// file watching; the engine then polls nothing and refuses every write.
import type { EngineOptions } from '../index';
import type { OpenedRecording } from './open';

export function replayEngineOptions(rec: OpenedRecording, log: (line: string) => void): EngineOptions {
  const at = rec.view.to;
  return { configFile: rec.boardFile, dataDir: rec.dataDir, log, watch: false, now: () => at, recording: rec.view };
}
