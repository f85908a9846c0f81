import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, SERIES_SPECS, recordedFiles, sessionFiles, type RecordedSession } from '../../bench/recorded';

describe('recorded fault corpus (test/fixtures/recorded)', () => {
  const files = recordedFiles();

  it('loads real recordings long enough to score', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) {
      expect(f.category).toBe('recordedFaults');
      expect(f.timestamps.length, f.name).toBeGreaterThanOrEqual(1000);
      expect(f.values.length).toBe(f.timestamps.length);
      expect(f.values.every(Number.isFinite), f.name).toBe(true);
    }
  });

  it('has increasing timestamps at about the 1 s step, with few gaps', () => {
    for (const f of files) {
      let gaps = 0;
      let notLater = 0;
      for (let i = 1; i < f.timestamps.length; i++) {
        const dt = (f.timestamps[i] as number) - (f.timestamps[i - 1] as number);
        if (dt <= 0) notLater++;
        if (dt > 1000) gaps++;
      }
      expect(notLater, f.name).toBe(0);
      // a restart leaves the app's series without rows for a few seconds: allowed, but rare
      expect(gaps, f.name).toBeLessThan(0.02 * f.timestamps.length);
    }
  });

  it('labels windows inside the data, each holding rows, sorted and apart', () => {
    let windows = 0;
    for (const f of files) {
      const t = f.timestamps;
      let prevEnd = -Infinity;
      for (const [a, b] of f.windows) {
        expect(a, f.name).toBeGreaterThanOrEqual(t[0] as number);
        expect(b, f.name).toBeLessThanOrEqual(t[t.length - 1] as number);
        expect(a, f.name).toBeGreaterThan(prevEnd);
        expect(t.filter((x) => x >= a && x <= b).length, f.name).toBeGreaterThanOrEqual(10);
        prevEnd = b;
        windows++;
      }
    }
    expect(windows).toBeGreaterThanOrEqual(25);
  });

  it('leaves series that cannot see any fault unlabelled, and labels every fault kind somewhere', () => {
    const labelled = files.filter((f) => f.windows.length > 0);
    expect(labelled.length).toBeGreaterThanOrEqual(12);
    const labelledNames = new Set(labelled.map((f) => f.name.split('/').pop()));
    for (const kind of FAULT_KINDS) {
      const seers = SERIES_SPECS.filter((s) => s.sees.includes(kind)).map((s) => `${s.name}.csv`);
      expect(seers.some((n) => labelledNames.has(n)), kind).toBe(true);
    }
  });
});

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
