import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sessionFiles, type RecordedSession } from '../../bench/recorded';

describe('sessionFiles on a bad recording', () => {
  const csv = ['timestamp,value', ...Array.from({ length: 20 }, (_, i) => `2026-12-06 11:00:${String(i).padStart(2, '0')},${i}`)].join('\n');
  const good: RecordedSession = {
    manifest: { command: 'x', recordedAt: '2026-12-06T11:00:00Z', machine: 'm', scrapeInterval: '1s', step: '1s', seed: 1, servers: 's' },
    faults: [{ kind: 'cpu', start: '2026-12-06 11:00:10', end: '2026-12-06 11:00:12', detail: 'd' }],
    series: [{ name: 'cpu_busy', query: 'q', sees: ['cpu'], csv }],
  };
  const gz = (x: unknown) => gzipSync(JSON.stringify(x));

  it('reads a well-formed one, labelling the fault on the series that sees it', () => {
    const [f] = sessionFiles('session-t.json.gz', gz(good));
    expect(f?.windows.length).toBe(1);
    const [a, b] = f!.windows[0]!;
    expect(a).toBeLessThanOrEqual(Date.UTC(2026, 11, 6, 11, 0, 10));
    expect(b).toBeGreaterThanOrEqual(Date.UTC(2026, 11, 6, 11, 0, 10));
    const [blind] = sessionFiles('s.json.gz', gz({ ...good, series: [{ ...good.series[0], sees: ['stall'] }] }));
    expect(blind?.windows).toEqual([]);
  });

  it('names the file when it is not gzip or not JSON', () => {
    expect(() => sessionFiles('session-x.json.gz', Buffer.from('plain text'))).toThrow(/session-x\.json\.gz: not a gzip'd JSON recording/);
    expect(() => sessionFiles('session-x.json.gz', gzipSync('{"manifest":'))).toThrow(/session-x\.json\.gz: not a gzip'd JSON/);
  });

  it('names the missing or wrong field', () => {
    expect(() => sessionFiles('s.json.gz', gz({ ...good, faults: [{ ...good.faults[0], kind: 'meteor' }] }))).toThrow(/s\.json\.gz: faults\.0\.kind/);
    expect(() => sessionFiles('s.json.gz', gz({ ...good, manifest: undefined }))).toThrow(/s\.json\.gz: manifest/);
  });

  it('names the series and line of a corrupt row', () => {
    const bad = csv.replace('2026-12-06 11:00:05,5', '2026-12-06 11:00:05,five');
    expect(() => sessionFiles('s.json.gz', gz({ ...good, series: [{ ...good.series[0], csv: bad }] }))).toThrow(/s\.json\.gz: cpu_busy:7: bad value "five"/);
  });

  it('refuses a fault after the last row', () => {
    const late = { ...good, faults: [{ ...good.faults[0], start: '2026-12-06 12:00:00' }] };
    expect(() => sessionFiles('s.json.gz', gz(late))).toThrow(/cpu_busy: fault at .* is after the last row/);
  });
});
