import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, initialPolicyState } from '../../../src/main/engine/notify/policy';
import { createPolicyStore } from '../../../src/main/engine/notify/policy-store';
import { createLogSink, fanOut } from '../../../src/main/engine/notify/sinks';
import { openStore, type Store } from '../../../src/main/engine/store/index';
import type { NotificationView } from '../../../src/shared/api';
import { resetSeq, settings, T0, tr } from './helpers';

let dir: string;
let file: string;
let store: Store;

beforeEach(() => {
  resetSeq();
  dir = mkdtempSync(join(tmpdir(), 'wb-notify-'));
  file = join(dir, 'wallboard.db');
  store = openStore({ file, retentionMs: 86_400_000 });
});
afterEach(() => {
  try {
    store.close();
  } catch {
    // closed by the test
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('policy store', () => {
  it('starts from the initial state on a new database', () => {
    expect(createPolicyStore(store.db).load()).toEqual(initialPolicyState());
  });

  it('keeps dedupe and held bursts across a restart', () => {
    const s = settings();
    const open = [1, 2, 3, 4].map((i) => tr('open', T0, { id: `w${i}`, severity: 'warning' }));
    const first = decide(initialPolicyState(), { transitions: open, now: T0, settings: s });
    expect(first.notifications).toHaveLength(2);
    createPolicyStore(store.db).save(first.state, T0);
    store.close();

    store = openStore({ file, retentionMs: 86_400_000 });
    const loaded = createPolicyStore(store.db).load();
    expect(loaded).toEqual(first.state);
    const again = decide(loaded, { transitions: open, now: T0 + 11_000, settings: s });
    expect(again.notifications.map((n) => n.incidentIds)).toEqual([['w3', 'w4']]);
    expect(again.trace.filter((t) => t.reason === 'duplicate')).toHaveLength(4);
  });

  it('starts fresh instead of failing when the stored state is not valid', () => {
    store.db.prepare('INSERT INTO notify_state (id, state, updated_at) VALUES (1, ?, ?)').run('{"version":1,"seen":"x"}', T0);
    expect(createPolicyStore(store.db).load()).toEqual(initialPolicyState());
  });
});

describe('sinks', () => {
  const n: NotificationView = { id: 'n1', at: T0, title: 'Disk full', body: 'critical alert', severity: 'critical', incidentIds: ['a', 'b'], kind: 'open', brand: 'acme', sound: 'siren.wav' };

  it('logs one line per notification', () => {
    const lines: string[] = [];
    createLogSink((l) => lines.push(l)).deliver(n);
    expect(lines).toEqual(['notify critical open "Disk full" [acme] incidents=a,b sound=siren.wav']);
  });

  it('keeps delivering to the other sinks when one throws', () => {
    const got: string[] = [];
    const errors: string[] = [];
    const bad = { name: 'bad', deliver: () => { throw new Error('no display'); } };
    fanOut([bad, createLogSink((l) => got.push(l))], (sink) => errors.push(sink)).deliver(n);
    expect(errors).toEqual(['bad']);
    expect(got).toHaveLength(1);
  });
});
