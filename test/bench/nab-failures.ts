/**
 * Failure analysis of the default detector on the held-out half of NAB (at the thresholds chosen
 * on the tuning half, as the held-out column of `npm run eval:nab`): every missed window and every
 * false positive, with what the signal does there, grouped by kind. For deciding which general
 * mechanism is missing, not for tuning to files.
 *
 * `node --import tsx test/bench/nab-failures.ts [tune|held-out|all]`
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTimestamp } from '../../src/main/engine/detect/csv';
import { DEFAULT_PARAMS } from '../../src/main/engine/detect/index';
import { loadNab, NAB_DIR, scoreFiles, type NabFile } from './nab-eval';
import { PROFILES, scoreCorpus, sweepRows, type CorpusScore } from './nab-score';

export type SignalKind =
  | 'short history'
  | 'spike density change'
  | 'recurring spike'
  | 'new spike'
  | 'level shift'
  | 'drift'
  | 'variance change'
  | 'seasonal break'
  | 'subtle';

export interface SignalShape {
  kind: SignalKind;
  /** median after − median before, in robust σ of the day before */
  level: number;
  /** robust σ after / before */
  spread: number;
  /** largest |x − median before| within ±3 samples, in σ before */
  peak: number;
  /** largest |x − median before| over the day before, in σ before (spikes this series already had) */
  peakBefore: number;
  /** rate of > 6σ samples in the 4 h after over their rate in the day before (+1 each, so finite) */
  density: number;
  /** share of the level change made by the largest 6-sample step (1 = one step, 0 = gradual) */
  abrupt: number;
  /** mean |x − x one day earlier| after, over the same before (a seasonal series breaking its day) */
  daily: number;
}

const DAY_ROWS = 288; // rows: one day at NAB's 5-minute step
const AFTER = 48; // rows: 4 h after the event

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[s.length >> 1] as number);
}

function robustSigma(xs: number[], floor: number): number {
  const m = median(xs);
  return Math.max(1.4826 * median(xs.map((x) => Math.abs(x - m))), floor);
}

/**
 * What the signal does around row `at`, from the day before to 4 h after; `warmup` is the
 * detector's silence (rows) at the start of a series.
 */
export function describeSignal(v: ArrayLike<number>, at: number, warmup: number): SignalShape {
  const slice = (a: number, b: number): number[] => Array.from({ length: Math.max(0, Math.min(b, v.length) - Math.max(a, 0)) }, (_, k) => v[Math.max(a, 0) + k] as number);
  const before = slice(at - DAY_ROWS, at);
  const after = slice(at, at + AFTER);
  const all = slice(0, v.length);
  const range = Math.max(...all) - Math.min(...all);
  const floor = Math.max(range * 1e-3, 1e-12);
  const mb = median(before);
  const sb = robustSigma(before, floor);
  const level = (median(after) - mb) / sb;
  const spread = robustSigma(after, floor) / sb;
  let peak = 0;
  for (let i = Math.max(at - 3, 0); i <= Math.min(at + 3, v.length - 1); i++) peak = Math.max(peak, Math.abs((v[i] as number) - mb) / sb);
  const big = (xs: number[]): number => xs.filter((x) => Math.abs(x - mb) / sb > 6).length;
  const peakBefore = before.reduce((m, x) => Math.max(m, Math.abs(x - mb) / sb), 0);
  const bigAfter = big(after);
  const density = (bigAfter + 1) / Math.max(after.length, 1) / ((big(before) + 1) / Math.max(before.length, 1));
  const change = Math.abs(median(after) - mb);
  let step = 0;
  for (let i = Math.max(at - 24, 6); i < Math.min(at + AFTER, v.length); i++) step = Math.max(step, Math.abs((v[i] as number) - (v[i - 6] as number)));
  const abrupt = change > 0 ? Math.min(1, step / change) : 0;
  const dayDiff = (a: number, b: number): number => {
    let s = 0;
    let n = 0;
    for (let i = Math.max(a, DAY_ROWS); i < Math.min(b, v.length); i++, n++) s += Math.abs((v[i] as number) - (v[i - DAY_ROWS] as number));
    return n > 0 ? s / n : NaN;
  };
  const daily = dayDiff(at, at + AFTER) / Math.max(dayDiff(at - DAY_ROWS, at), floor);
  let kind: SignalKind;
  if (at < warmup) kind = 'short history';
  else if (bigAfter >= 3 && density > 2 && Math.abs(level) < 2) kind = 'spike density change';
  else if (peak > 6 && Math.abs(level) < 2) kind = peakBefore >= 0.5 * peak ? 'recurring spike' : 'new spike';
  else if (Math.abs(level) > 3 && abrupt > 0.5) kind = 'level shift';
  else if (Math.abs(level) > 2) kind = 'drift';
  else if (spread > 2 || spread < 0.5) kind = 'variance change';
  else if (daily > 2.5) kind = 'seasonal break';
  else kind = 'subtle';
  return { kind, level, spread, peak, peakBefore, density, abrupt, daily };
}

interface Failure {
  what: 'missed window' | 'false positive';
  file: string;
  row: number;
  rows: number;
  shape: SignalShape;
  note: string;
}

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** Missed windows and FPs of `auto` (default parameters) on the chosen half. */
export async function failures(half: 'tune' | 'held-out' | 'all', dir = NAB_DIR): Promise<{ list: Failure[]; threshold: number }> {
  const files = await loadNab(dir);
  const labels = JSON.parse(await readFile(join(dir, 'labels/combined_labels.json'), 'utf8')) as Record<string, string[]>;
  const scored = scoreFiles(files, 'auto');
  const standard = PROFILES[0] as (typeof PROFILES)[number];
  const tune = scoreCorpus(
    scored.filter((s) => s.file.split === 'tune'),
    standard,
  ) as CorpusScore;
  const threshold = half === 'all' ? scoreCorpus(scored, standard).threshold : tune.threshold;
  const warmup = DEFAULT_PARAMS.contextual.warmup + DEFAULT_PARAMS.contextual.likelihood.warmup;
  const list: Failure[] = [];
  for (const { file, scores } of scored) {
    if (half !== 'all' && file.split !== half) continue;
    const rows = sweepRows(file, standard);
    const hit = new Set<number>();
    for (let k = 0; k < rows.row.length; k++) {
      const i = rows.row[k] as number;
      if ((scores[i] as number) < threshold) continue;
      const w = rows.window[k] as number;
      if (w >= 0) hit.add(w);
      else list.push({ what: 'false positive', file: file.name, row: i, rows: file.values.length, shape: describeSignal(file.values, i, warmup), note: `score ${(scores[i] as number).toFixed(3)}` });
    }
    missed(file, labels[file.name] ?? [], rows.windowCount, hit, warmup, list);
  }
  return { list, threshold };
}

function missed(file: NabFile, labels: string[], scorable: number, hit: Set<number>, warmup: number, out: Failure[]): void {
  const index = new Map(file.timestamps.map((t, i) => [t, i] as const));
  // why: sweepRows numbers only the windows with a scorable row, in order; those come last
  const skipped = file.windows.length - scorable;
  for (const [w, [a, b]] of file.windows.entries()) {
    const l = index.get(a) ?? 0;
    const r = index.get(b) ?? 0;
    if (w >= skipped && hit.has(w - skipped)) continue;
    const label = labels.map(parseTimestamp).find((t) => t >= a && t <= b);
    const at = label !== undefined ? (index.get(label) ?? l) : l;
    out.push({ what: 'missed window', file: file.name, row: at, rows: file.values.length, shape: describeSignal(file.values, at, warmup), note: `window rows ${l}..${r}` });
  }
}

export function report(list: readonly Failure[], threshold: number): string {
  const out = [`threshold (standard, chosen on the tuning half): ${threshold.toFixed(3)}`, ''];
  out.push('| what | file | row / rows | kind | level σ | spread × | peak σ | peak before σ | density × | abrupt | daily × | note |', '|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const f of list) {
    const s = f.shape;
    out.push(`| ${f.what} | ${f.file} | ${f.row} / ${f.rows} | ${s.kind} | ${f1(s.level)} | ${f1(s.spread)} | ${f1(s.peak)} | ${f1(s.peakBefore)} | ${f1(s.density)} | ${f1(s.abrupt)} | ${f1(s.daily)} | ${f.note} |`);
  }
  const kinds = new Map<string, [number, number]>();
  for (const f of list) {
    const k = kinds.get(f.shape.kind) ?? [0, 0];
    k[f.what === 'missed window' ? 0 : 1]++;
    kinds.set(f.shape.kind, k);
  }
  out.push('', '| kind | missed windows | false positives |', '|---|---:|---:|');
  for (const [k, [m, fp]] of [...kinds].sort((x, y) => y[1][0] + y[1][1] - x[1][0] - x[1][1])) out.push(`| ${k} | ${m} | ${fp} |`);
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv[2] ?? 'held-out';
  const half = arg === 'tune' || arg === 'all' ? arg : 'held-out';
  failures(half).then(
    ({ list, threshold }) => process.stdout.write(report(list, threshold) + '\n'),
    (err: unknown) => {
      process.stderr.write(`nab-failures: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
