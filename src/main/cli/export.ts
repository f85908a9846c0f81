// `wallboard export`: the buffer window plus the board (no secrets) into one .wbz file for
// `wallboard serve --replay` on another machine. Progress on stderr; one line and exit 1 on failure.
import { resolve } from 'node:path';
import { parseDuration } from '../../shared/duration';
import { defaultDataDir, demoBoardFile } from '../engine/paths';
import { exportRecording } from '../engine/recording/export';

export interface ExportArgs {
  config?: string;
  since: string;
  dataDir?: string;
  output: string;
}

export function exportCommand(args: ExportArgs, stderr: (s: string) => void = (s) => process.stderr.write(s)): number {
  const sinceMs = parseDuration(args.since);
  if (sinceMs === undefined || sinceMs <= 0) {
    stderr(`wallboard export: --since ${args.since}: a duration like 30m, 6h or 24h\n`);
    return 1;
  }
  if (!args.output.endsWith('.wbz')) {
    stderr(`wallboard export: -o ${args.output}: the file name must end in .wbz\n`);
    return 1;
  }
  const r = exportRecording({
    dataDir: args.dataDir ?? defaultDataDir(),
    boardFile: args.config ?? demoBoardFile(),
    sinceMs,
    out: resolve(args.output),
    progress: (line) => stderr(`${line}\n`),
  });
  if (!r.ok) {
    stderr(`wallboard export: ${r.reason}\n`);
    return 1;
  }
  return 0;
}
