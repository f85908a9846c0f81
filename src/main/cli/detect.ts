// `wallboard detect FILE.csv`: scores a recorded series exactly as the engine would score it live.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createDetector, METHOD_NAMES } from '../engine/detect/index';
import { irregularities, parseSeriesCsv } from '../engine/detect/csv';

const options = z.object({
  method: z.enum(METHOD_NAMES).default('auto'),
  sensitivity: z.enum(['low', 'medium', 'high']).default('medium'),
});

export interface DetectOutput {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * Validates the whole file first (a malformed row → `file:line: reason` on stderr, exit 1, nothing
 * on stdout), then writes `timestamp,value,anomaly_score` in one piece: one row per input row, the
 * input text unchanged, the score with 6 decimals. Rows whose timestamp steps back or repeats are
 * scored in file order, and how many there were is said on stderr. Returns the exit code.
 */
export async function runDetectCommand(
  file: string,
  opts: { method?: string; sensitivity?: string },
  out: DetectOutput,
): Promise<number> {
  const parsedOpts = options.safeParse(opts);
  if (!parsedOpts.success) {
    const issue = parsedOpts.error.issues[0];
    out.stderr(`wallboard detect: --${String(issue?.path[0] ?? 'option')}: ${issue?.message ?? 'invalid'}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    out.stderr(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 1;
  }
  const parsed = parseSeriesCsv(text);
  if (!parsed.ok) {
    out.stderr(`${file}:${parsed.line}: ${parsed.reason}\n`);
    return 1;
  }
  const { t, v, lines } = parsed.series;
  const odd = irregularities(parsed.series);
  if (odd) out.stderr(`${file}: ${odd}\n`);
  const detector = createDetector(parsedOpts.data);
  const rows: string[] = new Array<string>(lines.length + 1);
  rows[0] = 'timestamp,value,anomaly_score';
  for (let i = 0; i < lines.length; i++) {
    const { score } = detector.update(t[i] as number, v[i] as number);
    rows[i + 1] = `${lines[i] as string},${score.toFixed(6)}`;
  }
  out.stdout(rows.join('\n') + '\n');
  return 0;
}
