// kill -9 of the real `wallboard serve` at random moments while it ingests a real node_exporter
// (through Prometheus, 1 s) and while an operator acknowledges an incident. After every kill the
// buffer passes PRAGMA integrity_check; after every restart no sample the API had served and no
// acknowledgement it had confirmed is lost; at the end the gaps are backfilled from Prometheus and
// no notification was sent twice. 20 kills in CI; FAULTS_LONG=1 runs 100.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/model';
import { ALWAYS_FIRING_RULES, getJson, sleep, startAlertmanager, startNodeExporter, startPrometheus, stopAll, waitFor, waitUntilDown } from '../integration/servers';
import { startWallboard, type Wallboard } from '../e2e/serve';
import { rng } from '../bench/families';

const ROUNDS = process.env.FAULTS_LONG === '1' ? 100 : 20;
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 100_000);

const board = (prom: string, am: string): string => `title: Crash
sources:
  prometheus: [{ id: prom, url: "${prom}", interval: 1s, timeout: 2s }]
  alertmanager: [{ id: am, url: "${am}", interval: 1s }]
notify: { minSeverity: critical }
pages:
  - id: p
    title: P
    panels:
      - { id: load, type: timeseries, query: "node_load1" }
      - { id: alerts, type: alertlist }
`;

let wb: Wallboard;
let t0 = 0;

async function samples(): Promise<number[]> {
  const r = await getJson<{ panels: { x: number[] }[] }>(`${wb.url}/api/query?panels=load&from=${t0}&to=${Date.now() + 1000}&maxPoints=10000`);
  return r.panels[0]?.x ?? [];
}

async function firing(): Promise<Incident | undefined> {
  const list = await getJson<Incident[]>(`${wb.url}/api/incidents`);
  return list.find((i) => i.labels.alertname === 'AlwaysFiring');
}

function integrity(dataDir: string): string {
  const db = new Database(join(dataDir, 'buffer', 'wallboard.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const ne = await startNodeExporter();
  const am = await startAlertmanager();
  const prom = await startPrometheus({ scrapeTargets: [ne.url], ruleFiles: ALWAYS_FIRING_RULES, alertmanagers: [am.url] });
  t0 = Date.now();
  wb = await startWallboard({ boardYaml: board(prom.url, am.url), waitHealthy: true });
});

afterAll(async () => {
  await wb?.stop();
  await stopAll();
});

describe(`kill -9 of serve, ${ROUNDS} times (seed ${SEED})`, () => {
  it('loses no committed sample or acknowledgement, keeps the buffer sound, backfills gaps, notifies once', async () => {
    const random = rng(SEED);
    const incident = await waitFor('the AlwaysFiring incident', firing, 60_000, 250);
    const seen = new Set<number>();
    let lastNote: string | undefined;
    for (let round = 1; round <= ROUNDS; round++) {
      // ack at a random moment, then kill at another: sometimes right after the ack, sometimes mid-poll
      await sleep(100 + random() * 1200);
      const note = `round ${round}`;
      const ack = await fetch(`${wb.url}/api/incidents/${encodeURIComponent(incident.id)}/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note, by: 'fault-suite' }),
      });
      if (ack.status === 200) lastNote = note;
      for (const x of await samples()) seen.add(x);
      await sleep(random() * 1500);
      wb.kill();
      await waitUntilDown({ url: wb.url });
      expect(integrity(wb.dataDir), `integrity after kill ${round}`).toBe('ok');
      await sleep(random() * 2000); // the gap the restart has to backfill
      await wb.restart();
      const now = new Set(await samples());
      const lost = [...seen].filter((x) => !now.has(x));
      expect(lost, `samples lost after kill ${round}`).toEqual([]);
      expect((await firing())?.ack?.note, `ack after kill ${round}`).toBe(lastNote);
    }
    // the last gap is backfilled within a few polls; then no hole wider than a few scrape intervals
    const xs = await waitFor('gaps backfilled', async () => {
      const x = await samples();
      const gaps = x.slice(1).map((v, i) => v - (x[i] as number));
      return x.length > 0 && Math.max(...gaps) <= 3 ? x : undefined;
    }, 30_000, 1_000);
    expect(xs.length).toBeGreaterThan(ROUNDS);
    const opened = wb.log().split('\n').filter((l) => l.includes(' open ') && l.includes(`incidents=${incident.id}`));
    expect(opened.length, opened.join('\n')).toBe(1);
    expect(integrity(wb.dataDir)).toBe('ok');
  }, ROUNDS * 10_000 + 120_000); // ms: a round is 3-5 s (a start of serve included)
});
