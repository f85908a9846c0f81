// Shared fixtures for the incident tests: a real store file in a temp dir, a board, alert records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/main/engine/store/index';
import { boardSchema, type Board, type BoardInput } from '../../../src/shared/config-schema';
import type { AlertRecord, HealthResult, SourceStatus } from '../../../src/shared/model';

export function tempStore(): { store: Store; file: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wb-incidents-'));
  const file = join(dir, 'wallboard.db');
  const store = openStore({ file, retentionMs: 86_400_000 });
  return {
    store,
    file,
    dir,
    cleanup: () => {
      try {
        store.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testBoard(extra: Partial<BoardInput> = {}): Board {
  return boardSchema.parse({
    brands: [
      { id: 'bizoholic', name: 'Bizoholic' },
      { id: 'acme', name: 'Acme' },
    ],
    sources: {
      alertmanager: [
        { id: 'am1', url: 'http://127.0.0.1:9/am1', author: 'noc-wall' },
        { id: 'am2', url: 'http://127.0.0.1:9/am2' },
      ],
    },
    notify: { escalateAfter: '5m' },
    pages: [
      {
        id: 'p',
        title: 'P',
        panels: [
          { id: 't', type: 'text', text: 'x' },
          // the panel the threshold tests observe
          { id: 'cpu', type: 'stat', query: 'cpu', thresholds: [{ value: 80, severity: 'warning' }, { value: 95, severity: 'critical' }] },
        ],
      },
    ],
    ...extra,
  });
}

export function alert(fingerprint: string, over: Partial<AlertRecord> = {}): AlertRecord {
  return {
    fingerprint,
    source: 'am1',
    labels: { alertname: `Alert${fingerprint}`, severity: 'critical', brand: 'bizoholic', instance: 'db-1' },
    annotations: { summary: `Summary of ${fingerprint}` },
    state: 'firing',
    severity: 'critical',
    startsAt: 1_000,
    silencedBy: [],
    inhibitedBy: [],
    ...over,
  };
}

export function health(targetId: string, state: HealthResult['state'], at: number, over: Partial<HealthResult> = {}): HealthResult {
  return {
    targetId,
    source: targetId,
    at,
    observed: state,
    state,
    latencyMs: 12,
    failures: state === 'healthy' ? [] : ['[STATUS] == 200 (was 503)'],
    services: {},
    ...over,
  };
}

export function source(sourceId: string, state: SourceStatus['state'], over: Partial<SourceStatus> = {}): SourceStatus {
  return { sourceId, kind: 'prometheus', state, intervalMs: 15_000, ...over };
}
