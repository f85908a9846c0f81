// The disk under the buffer fails while the wall runs (demo source polling every second into a real
// SQLite file): it fills up, it is read-only, the data dir is deleted. The wall keeps showing live
// data, raises "buffer full: not recording" (or read-only / deleted) as a pipeline incident, and
// records again when the disk allows, with the samples polled meanwhile written back (no hole).
//
// On a real 2 MiB tmpfs when `mount` is permitted (root, as CI runs .ci/run); skipped with the
// reason otherwise. The same full-disk run with SQLite's size cap (PRAGMA max_page_count, which
// fails writes with SQLITE_FULL exactly as a full disk does) always runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { openStore } from '../../src/main/engine/store/index';
import { demoBoardYaml } from '../e2e/serve';
import { sleep, waitFor } from '../integration/servers';

// why 10 min of retention: the first poll backfills the whole window, and a 2 MiB disk must hold it
const BOARD = demoBoardYaml('Disk').replace('sources:', 'retention: 10m\nsources:');
// why more series for the cap: the file must need new pages within seconds (the WAL, which a real
// full disk refuses too, is not counted by max_page_count)
const MANY = ['cpu_percent', 'memory_percent', 'service_cpu_percent', 'service_memory_percent', 'service_disk_percent', 'inventory_units']
  .map((m) => `      - { id: ${m.replace(/_/g, '-')}, type: timeseries, query: "demo:platform_${m}" }`)
  .join('\n');
const RESUME_WAIT_MS = 60_000; // ms: the engine retries every 10 s; generous for a loaded machine

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.reverse()) {
    try {
      c();
    } catch {
      // best effort
    }
  }
});

/** Mounts a 2 MiB tmpfs, or says why it cannot. */
function mountTmpfs(): { dir: string } | { refused: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wb-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { refused: String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim() || 'mount failed' };
  }
  cleanups.push(() => {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir };
}

function remount(dir: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
}

function startWall(dataDir: string, board = BOARD): Engine {
  const conf = mkdtempSync(join(tmpdir(), 'wb-disk-conf-'));
  writeFileSync(join(conf, 'board.yaml'), board);
  const engine = createEngine({ configFile: join(conf, 'board.yaml'), dataDir, watch: false });
  cleanups.push(() => rmSync(conf, { recursive: true, force: true }));
  engine.start();
  return engine;
}

async function openIncident(engine: Engine, title: RegExp): Promise<string> {
  return waitFor(`a pipeline incident ${title}`, async () => {
    const i = (await engine.request('incidents', {})).find((x) => x.kind === 'pipeline' && title.test(x.title) && x.status !== 'resolved');
    return i?.title;
  }, RESUME_WAIT_MS, 250);
}

async function recordingAgain(engine: Engine): Promise<void> {
  await waitFor('recording to disk again, the incident resolved', async () => {
    if (!/^wallboard_buffer_recording 1$/m.test(engine.metricsText())) return undefined;
    const open = (await engine.request('incidents', {})).filter((x) => /not recording/.test(x.title) && x.status !== 'resolved');
    return open.length === 0 || undefined;
  }, RESUME_WAIT_MS, 250);
}

/** The wall is live: the panel is ok with fresh data, and its newest sample moves on. */
async function expectLive(engine: Engine, when: string): Promise<void> {
  /** The panel's newest sample time (ms) when it is ok and fresh. */
  const fresh = async (): Promise<number | undefined> => {
    const p = (await engine.request('snapshot', {})).panels['orders'];
    if (p?.state !== 'ok' || (p.dataAgeMs ?? Infinity) > 5_000) return undefined;
    return Math.max(...p.values.map((v) => v.t));
  };
  const first = await waitFor(`${when}: the panel ok with fresh data`, fresh, 30_000, 250);
  await waitFor(`${when}: a newer sample on the panel`, async () => ((await fresh()) ?? 0) > first || undefined, 15_000, 250);
}

/** Sample times (ms) of the panel's first series in the file, read after the wall stopped. */
function fileTimes(dataDir: string): number[] {
  const s = openStore({ file: join(dataDir, 'wallboard.db'), retentionMs: 3_600_000 });
  try {
    const [first] = s.seriesFor('demo', 'demo:bizoholic_orders_per_min');
    return first ? [...s.range(first.id, 0, Date.now() + 60_000).ts] : [];
  } finally {
    s.close();
  }
}

/** Every second from `from` to `to` is in the file: nothing polled while not recording was lost. */
function expectNoHole(ts: number[], from: number, to: number, when: string): void {
  const inside = ts.filter((t) => t >= from && t <= to);
  const holes = inside.slice(1).map((t, i) => t - (inside[i] as number)).filter((d) => d !== 1_000);
  expect(inside.length, `${when}: samples in the file`).toBeGreaterThan((to - from) / 1_000 - 3);
  expect(holes, `${when}: gaps between consecutive samples (ms)`).toEqual([]);
}

/** Fills the file system of `dir` up to the last byte; returns the filler to delete. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const { bavail, bsize } = statfsSync(dir);
  try {
    writeFileSync(filler, Buffer.alloc(bavail * bsize));
  } catch {
    // ENOSPC: full, which is the point
  }
  return filler;
}

const tmpfs = mountTmpfs();
const mounted = 'dir' in tmpfs;
if (!mounted) console.warn(`disk faults on a real tmpfs SKIPPED: mount refused (${tmpfs.refused}); the max_page_count variant still runs`);

describe.skipIf(!mounted)(`on a real 2 MiB tmpfs${mounted ? '' : ` (SKIPPED: mount refused: ${'refused' in tmpfs ? tmpfs.refused : ''})`}`, () => {
  const mnt = 'dir' in tmpfs ? tmpfs.dir : '';

  it('full: live data, "buffer full: not recording", and recording resumes with no hole when room returns', async () => {
    const dataDir = join(mnt, 'full');
    const engine = startWall(dataDir);
    try {
      await expectLive(engine, 'before');
      const filler = fill(mnt);
      const fullAt = Date.now();
      const title = await openIncident(engine, /^buffer full: not recording/);
      expect(title).toMatch(/disk full/);
      await sleep(3_000);
      await expectLive(engine, 'while full');
      rmSync(filler);
      await recordingAgain(engine);
      await expectLive(engine, 'after');
      await sleep(2_000);
      const stopAt = Date.now();
      await engine.stop();
      expectNoHole(fileTimes(dataDir), fullAt - 5_000, stopAt - 2_000, 'full');
    } finally {
      await engine.stop();
    }
  });

  it('the data dir deleted while running: live data, "buffer deleted", then the dir is made again and recording resumes', async () => {
    const dataDir = join(mnt, 'deleted');
    const engine = startWall(dataDir);
    try {
      await expectLive(engine, 'before');
      const goneAt = Date.now();
      rmSync(dataDir, { recursive: true, force: true });
      await openIncident(engine, /^buffer deleted: not recording/);
      await expectLive(engine, 'while deleted');
      await recordingAgain(engine);
      await sleep(2_000);
      const stopAt = Date.now();
      await engine.stop();
      expectNoHole(fileTimes(dataDir), goneAt, stopAt - 2_000, 'deleted');
    } finally {
      await engine.stop();
    }
  });

  it('a read-only data dir: the wall starts live from memory, says so, and records when it turns writable', async () => {
    const dataDir = join(mnt, 'ro');
    mkdirSync(dataDir, { recursive: true });
    remount(mnt, 'ro');
    let engine: Engine | undefined;
    try {
      engine = startWall(dataDir);
      const title = await openIncident(engine, /^buffer read-only: not recording/);
      expect(title).toContain(dataDir);
      await expectLive(engine, 'read-only');
      const roAt = Date.now();
      remount(mnt, 'rw');
      await recordingAgain(engine);
      await sleep(2_000);
      const stopAt = Date.now();
      await engine.stop();
      expectNoHole(fileTimes(dataDir), roAt, stopAt - 2_000, 'read-only');
    } finally {
      try {
        remount(mnt, 'rw');
      } catch {
        // already rw
      }
      await engine?.stop();
    }
  });
});

describe('full, by SQLite size cap (always runs: no mount needed)', () => {
  it('live data, "buffer full: not recording", and recording resumes with no hole when the cap is raised', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-disk-cap-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const engine = startWall(dataDir, `${BOARD}${MANY}\n`);
    try {
      await expectLive(engine, 'before');
      const fullAt = Date.now();
      // no room left: free pages are given back first, then the file may not grow by one page
      const db = engine.store.db;
      db.pragma('incremental_vacuum');
      engine.store.configure({ maxBytes: (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number) });
      const title = await openIncident(engine, /^buffer full: not recording/);
      expect(title).toMatch(/SQLITE_FULL|disk full/);
      await sleep(3_000);
      await expectLive(engine, 'while full');
      engine.store.configure({ maxBytes: 64 * 1024 * 1024 });
      await recordingAgain(engine);
      await expectLive(engine, 'after');
      await sleep(2_000);
      const stopAt = Date.now();
      await engine.stop();
      expectNoHole(fileTimes(dataDir), fullAt - 5_000, stopAt - 2_000, 'cap');
    } finally {
      await engine.stop();
    }
  });
});
