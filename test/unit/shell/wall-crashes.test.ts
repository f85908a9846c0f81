// "wall renderer crashed 3 times in 10 min": the pure verdict, its stateful wrapper, and the pipeline
// incident it opens through the real engine (real SQLite in a temp dir).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../src/main/engine/index';
import { crashVerdict, WallCrashes } from '../../../src/main/engine/wall-crashes';

const MIN = 60_000;

describe('crash verdict', () => {
  it('opens at 3 crashes within 10 min, not at 3 spread wider', () => {
    expect(crashVerdict('wall renderer', [0, MIN, 2 * MIN], 2 * MIN, false)).toEqual({ open: true, recent: 3, title: 'wall renderer crashed 3 times in 10 min' });
    expect(crashVerdict('wall renderer', [0, 6 * MIN, 12 * MIN], 12 * MIN, false)).toEqual({ open: false, recent: 2 });
  });

  it('stays open while crashes continue, and resolves after a quiet 10 min', () => {
    expect(crashVerdict('w', [0, MIN, 2 * MIN, 9 * MIN], 10.5 * MIN, true).open).toBe(true);
    expect(crashVerdict('w', [0, MIN, 2 * MIN, 9 * MIN], 19.5 * MIN, true)).toEqual({ open: false, recent: 0 });
  });
});

describe('WallCrashes', () => {
  it('reports the incident once per change of title and resolves it', () => {
    const reports: [string, string | undefined][] = [];
    const w = new WallCrashes((ref, title) => reports.push([ref, title]));
    w.crashed('renderer', 0);
    w.crashed('renderer', MIN);
    expect(reports).toEqual([]);
    w.crashed('renderer', 2 * MIN);
    w.check(3 * MIN);
    w.crashed('renderer', 4 * MIN);
    w.check(20 * MIN);
    expect(reports).toEqual([
      ['wall:renderer', 'wall renderer crashed 3 times in 10 min'],
      ['wall:renderer', 'wall renderer crashed 4 times in 10 min'],
      ['wall:renderer', undefined],
    ]);
    expect(w.metricsText()).toContain('wallboard_wall_crashes_total{part="renderer"} 4\n');
  });

  it('opens a pipeline incident of the wall in the real engine, counted in /metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wallboard-crash-'));
    let t = Date.UTC(2026, 0, 10, 12);
    const engine = createEngine({ dataDir: dir, watch: false, now: () => t });
    try {
      for (let i = 0; i < 3; i++) {
        engine.wallCrashed('renderer');
        t += MIN;
      }
      const open = (await engine.request('incidents', {})).filter((i) => i.kind === 'pipeline' && i.ref === 'wall:renderer');
      expect(open.map((i) => [i.title, i.severity, i.status])).toEqual([['wall renderer crashed 3 times in 10 min', 'high', 'open']]);
      expect(engine.metricsText()).toContain('wallboard_wall_crashes_total{part="renderer"} 3\n');
    } finally {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('incident retention', () => {
  it('drops a resolved incident once it ended before the buffer window, and keeps an open one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wallboard-retain-'));
    // a board whose one source, on a closed port, is polled once a day: the engine starts and stays quiet
    writeFileSync(join(dir, 'board.yaml'), 'title: Retain\nsources:\n  prometheus: [{ id: p, url: "http://127.0.0.1:9", interval: 24h }]\npages:\n  - id: p\n    title: P\n    panels: [{ id: v, type: stat, query: up }]\n');
    let t = Date.UTC(2026, 0, 10, 12);
    // why fake intervals: the crash check that resolves the incident runs on the engine's 30 s interval
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const engine = createEngine({ configFile: join(dir, 'board.yaml'), dataDir: dir, watch: false, now: () => t });
    const ofWall = async (ref: string) => (await engine.request('incidents', { includeResolved: true })).filter((i) => i.ref === ref).map((i) => i.status);
    try {
      for (let i = 0; i < 3; i++, t += MIN) engine.wallCrashed('renderer');
      engine.start();
      t += 30 * MIN;
      vi.advanceTimersByTime(30_000); // a quiet half hour: the check resolves the incident
      for (let i = 0; i < 3; i++, t += MIN) engine.wallCrashed('kiosk-browser');
      expect(await ofWall('wall:renderer')).toEqual(['resolved']);
      t += 23 * 60 * MIN;
      engine.upkeep(t); // resolved 23 h ago: inside the 24 h window, replay still shows it
      expect(await ofWall('wall:renderer')).toEqual(['resolved']);
      t += 2 * 60 * MIN;
      engine.upkeep(t);
      expect(await ofWall('wall:renderer')).toEqual([]);
      expect(await ofWall('wall:kiosk-browser')).toEqual(['open']); // open for 25 h: never dropped
    } finally {
      await engine.stop();
      vi.useRealTimers();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
