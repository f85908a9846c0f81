// The demo board served in this process with the engine's clock moved to a chosen minute of the
// hour, so a test or a bench sees a scripted demo incident (demo-incidents.ts) whenever it runs.
// Incident ages and the banner follow the engine's clock (the renderer corrects by server time −
// client time); the charts' time axis follows the browser's, so the newest data may sit left of
// the right edge, which does not matter to what these tests and benches measure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../src/main/engine/index';
import { startServer } from '../../src/main/server/index';
import { requireBuild } from './serve';

/** The demo's critical ('Bizoholic checkout error rate above 5%', minutes 20–35) is open from here for 14 min. */
export const CRITICAL_MINUTE = 21;
/**
 * No critical open from here for 5 min: the demo's longest quiet stretch is minutes 14–20 (the orders
 * spike ends at 14, the checkout critical opens at 20); only the day-long warnings stay open.
 */
export const QUIET_MINUTE = 15;

export interface DemoAt {
  url: string;
  close(): Promise<void>;
}

const HOUR = 3_600_000; // ms
// why not paths.rendererDir(): found from src/, it would pick the renderer's source index.html
const RENDERER = resolve(dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

/** ms to add to Date.now() so the engine's clock reads `minute` (0–59) of an hour now. */
export function shiftToMinute(minute: number, now = Date.now()): number {
  const target = Math.floor(now / HOUR) * HOUR + minute * 60_000;
  return target - now;
}

/** `renderer`: a built renderer dir (out/renderer by default; a bench may compare another build). */
export async function startDemoAt(minute: number, renderer = RENDERER): Promise<DemoAt> {
  requireBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'wallboard-demo-at-'));
  const shift = shiftToMinute(minute);
  const engine = createEngine({ dataDir: join(dataDir, 'buffer'), watch: false, now: () => Date.now() + shift });
  engine.start();
  const server = await startServer({ engine, host: '127.0.0.1', port: 0, rendererDir: renderer });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
