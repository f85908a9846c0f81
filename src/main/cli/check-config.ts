import { summarize } from '../engine/config/summary';
import { formatProblem, loadBoardFile } from '../engine/config/load';

/** Exit 0 with a one-line summary, or every problem as `file:line:col: message` and exit 1. */
export function checkConfigCommand(file: string, out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const r = loadBoardFile(file);
  if (!r.ok) {
    err(r.problems.map(formatProblem).join('\n') + '\n');
    return 1;
  }
  out(`${file}: ok — ${summarize(r.board)}\n`);
  return 0;
}
