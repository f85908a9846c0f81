// A damaged buffer, against the real `wallboard serve`: a garbage or truncated DB file is moved
// aside with a timestamp, a fresh buffer starts, the wall says so (a pipeline incident), and the
// next start is clean (no crash loop). A garbage WAL is ignored by SQLite itself (its frames fail
// their checksums): the buffer opens sound and nothing is moved.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/model';
import { getJson, waitFor } from '../integration/servers';
import { demoBoardYaml, startWallboard, type Wallboard } from '../e2e/serve';

const BOARD = demoBoardYaml('Corruption');

let wb: Wallboard | undefined;

afterEach(async () => {
  await wb?.stop();
  wb = undefined;
});

const bufferDir = (w: Wallboard): string => join(w.dataDir, 'buffer');
const movedAside = (w: Wallboard): string[] => readdirSync(bufferDir(w)).filter((f) => f.startsWith('wallboard.db.corrupt-') && f.endsWith('Z')); // the -wal and -shm go with it

/** Runs serve until the buffer holds data, stops it, damages the buffer with `damage`, and starts it again. */
async function damagedRestart(damage: (file: string) => void): Promise<Wallboard> {
  const w = await startWallboard({ boardYaml: BOARD, waitHealthy: true });
  wb = w;
  await waitFor('samples in the buffer', async () => (await getJson<{ panels: { x: number[] }[] }>(`${w.url}/api/query?panels=orders&from=0&to=${Date.now()}&maxPoints=100`)).panels[0]?.x.length ?? 0 > 2, 20_000, 250);
  await w.stop();
  damage(join(bufferDir(w), 'wallboard.db'));
  await w.restart();
  return w;
}

async function bufferIncident(w: Wallboard): Promise<Incident | undefined> {
  return (await getJson<Incident[]>(`${w.url}/api/incidents`)).find((i) => i.kind === 'pipeline' && i.ref === 'wall:buffer');
}

describe('a damaged buffer', () => {
  it('garbage DB file: moved aside with a timestamp, a fresh buffer starts, the wall says so, the next start is clean', async () => {
    const w = await damagedRestart((file) => writeFileSync(file, randomBytes(64 * 1024)));
    const aside = movedAside(w);
    expect(aside).toEqual([expect.stringMatching(/^wallboard\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/)]);
    const incident = await bufferIncident(w);
    expect(incident?.title).toMatch(/buffer was damaged and moved aside to wallboard\.db\.corrupt-.*a fresh buffer started \(.*not a database/);
    await waitFor('fresh samples', async () => (await getJson<{ panels: { x: number[] }[] }>(`${w.url}/api/query?panels=orders&from=0&to=${Date.now()}&maxPoints=100`)).panels[0]?.x.length ?? 0 > 0, 20_000, 250);
    await w.restart();
    expect(movedAside(w)).toEqual(aside); // no second move: no crash loop
  });

  it('truncated DB file: moved aside, fresh buffer, serving', async () => {
    const w = await damagedRestart((file) => {
      // why: the WAL holds recent pages; checkpointing first makes the truncation hit real data
      const db = new Database(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      truncateSync(file, Math.floor(statSync(file).size / 3));
    });
    expect(movedAside(w)).toHaveLength(1);
    expect((await bufferIncident(w))?.title).toMatch(/moved aside/);
    expect((await fetch(`${w.url}/healthz`)).status).toBe(200);
  });

  it('garbage WAL: SQLite ignores it, the buffer opens sound and nothing is moved aside', async () => {
    const w = await damagedRestart((file) => writeFileSync(`${file}-wal`, randomBytes(32 * 1024)));
    expect(movedAside(w)).toEqual([]);
    expect(await bufferIncident(w)).toBeUndefined();
    expect(existsSync(join(bufferDir(w), 'wallboard.db'))).toBe(true);
    await w.stop();
    const db = new Database(join(bufferDir(w), 'wallboard.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
