import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDetectCommand } from '../../../src/main/cli/detect';
import { seasonalNoise } from './synthetic';

const dir = mkdtempSync(join(tmpdir(), 'wallboard-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function csv(name: string, rows: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, ['timestamp,value', ...rows].join('\n') + '\n');
  return file;
}

async function run(file: string, opts: { method?: string; sensitivity?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDetectCommand(file, opts, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

describe('wallboard detect', () => {
  const { t, v } = seasonalNoise(2000, 5);
  v[1500] = (v[1500] as number) + 40;
  const rows = t.map((ti, i) => `${stamp(ti)},${(v[i] as number).toFixed(4)}`);
  const good = csv('good.csv', rows);

  it('writes one row per input row, in order, with the input text and a score in [0, 1]', async () => {
    const { code, out, err } = await run(good);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1); // written once
    const lines = (out[0] as string).trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(rows.length + 1);
    for (let i = 0; i < rows.length; i++) {
      const line = lines[i + 1] as string;
      expect(line.startsWith(`${rows[i] as string},`)).toBe(true);
      const score = line.slice((rows[i] as string).length + 1);
      expect(score).toMatch(/^[01]\.\d{6}$/);
      expect(Number(score)).toBeLessThanOrEqual(1);
    }
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores.indexOf(Math.max(...scores))).toBe(1500);
  });

  it('honours --method and --sensitivity, and refuses unknown ones', async () => {
    const a = await run(good, { method: 'seasonal', sensitivity: 'high' });
    const b = await run(good, { method: 'seasonal', sensitivity: 'low' });
    expect(a.code).toBe(0);
    expect(a.out[0]).not.toBe(b.out[0]);
    const bad = await run(good, { method: 'magic' });
    expect(bad.code).not.toBe(0);
    expect(bad.out).toEqual([]);
    expect(bad.err.join('')).toMatch(/--method/);
  });

  it('reports a malformed row by file and line and prints nothing else', async () => {
    const broken = [...rows.slice(0, 1200), `${stamp(t[1200] as number)},12,7`, ...rows.slice(1201)];
    const file = csv('broken.csv', broken);
    const { code, out, err } = await run(file);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    // header is line 1, so data row 1200 (0-based) is line 1202
    expect(err.join('')).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1202: `));
  });

  it('rejects bad timestamps, bad numbers and a wrong header with their line numbers', async () => {
    const cases: [string[], number, RegExp][] = [
      [['2024-01-01 00:00:00,1', '2024-13-01 00:00:00,2'], 3, /timestamp/],
      [['2024-01-01 00:00:00,1', '2024-01-01 00:05:00,abc'], 3, /value/],
      [['2024-01-01 00:00:00,1', '2024-01-01 00:05:00'], 3, /2 fields/],
      [['2024-01-01 00:00:00,1', '2024-01-01T00:05:00,2'], 3, /timestamp/],
    ];
    for (const [body, line, what] of cases) {
      const { code, out, err } = await run(csv(`case-${line}-${String(what)}.csv`.replace(/\W/g, '_'), body));
      expect(code).toBe(1);
      expect(out).toEqual([]);
      expect(err.join('')).toMatch(new RegExp(`:${line}: .*${what.source}`));
    }
    const headerless = join(dir, 'headerless.csv');
    writeFileSync(headerless, 'time,val\n2024-01-01 00:00:00,1\n');
    const h = await run(headerless);
    expect(h.code).toBe(1);
    expect(h.err.join('')).toMatch(/:1: expected header/);
  });

  it('scores rows whose timestamp steps back or repeats, in file order, and counts them on stderr', async () => {
    // a clock correction (one hour back) and a duplicate scrape, as in real monitoring exports
    const base = Date.UTC(2024, 0, 1);
    const hour = 3_600_000;
    const hours = [0, 1, 2, 3, 2, 3, 4, 4, 5, ...Array.from({ length: 400 }, (_, i) => 6 + i)];
    const body = hours.map((h, i) => `${stamp(base + h * hour)},${(10 + Math.sin(i / 3)).toFixed(3)}`);
    body[300] = `${stamp(base + (hours[300] as number) * hour)},90`;
    const file = csv('steps.csv', body);
    const { code, out, err } = await run(file, { method: 'zscore' });
    expect(code).toBe(0);
    const lines = (out[0] as string).trimEnd().split('\n');
    expect(lines).toHaveLength(body.length + 1);
    for (let i = 0; i < body.length; i++) expect((lines[i + 1] as string).startsWith(`${body[i] as string},`)).toBe(true);
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(scores.indexOf(Math.max(...scores))).toBe(300);
    const said = err.join('');
    expect(said).toContain(`${file}: `);
    expect(said).toMatch(/\b1 row stepped back in time/);
    expect(said).toMatch(/\b1 row repeated the timestamp before/);
    // rows 4 (02:00 again), 5 (03:00 again) and 7 (04:00 again) are not after the latest before them
    expect(said).toMatch(/\b3 rows were not after the latest timestamp/);
  });

  it('skips blank lines, reads CRLF and scientific notation, and accepts a header alone', async () => {
    const crlf = join(dir, 'crlf.csv');
    writeFileSync(crlf, 'timestamp,value\r\n2024-01-01 00:00:00,1.5e3\r\n\r\n   \r\n2024-01-01 00:05:00,-2E-2\r\n2024-01-01 00:10:00,.5\r\n');
    const a = await run(crlf);
    expect(a.code).toBe(0);
    const lines = (a.out[0] as string).trimEnd().split('\n');
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['timestamp,value', '2024-01-01 00:00:00,1.5e3', '2024-01-01 00:05:00,-2E-2', '2024-01-01 00:10:00,.5']);
    expect(lines.join('')).not.toContain('\r');
    expect(a.err.join('')).toMatch(/2 blank lines skipped/);

    const only = join(dir, 'header-only.csv');
    writeFileSync(only, 'timestamp,value\n');
    const b = await run(only);
    expect(b.code).toBe(0);
    expect(b.out).toEqual(['timestamp,value,anomaly_score\n']);
    expect(b.err).toEqual([]);

    // a row with a number the parser cannot read is still refused, by its physical line
    const bad = join(dir, 'bad-exp.csv');
    writeFileSync(bad, 'timestamp,value\r\n\r\n2024-01-01 00:00:00,1e\r\n');
    const c = await run(bad);
    expect(c.code).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.join('')).toMatch(/bad-exp\.csv:3: bad value "1e"/);
  });

  it('reports a file it cannot read', async () => {
    const { code, err } = await run(join(dir, 'missing.csv'));
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/missing\.csv: cannot read: ENOENT/);
  });
});
