// The updater over a fake electron-updater (an EventEmitter with the four calls it makes), the real
// update gate, and the real engine's status.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startUpdater, type UpdaterDeps } from '../../../src/main/electron/updater';
import { createEngine } from '../../../src/main/engine/index';
import type { AppUpdateStatus } from '../../../src/shared/api';
import type { Incident } from '../../../src/shared/model';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feed: unknown;
  installs = 0;
  checks = 0;
  failCheck = false;
  setFeedURL(f: unknown): void {
    this.feed = f;
  }
  checkForUpdates(): Promise<null> {
    this.checks++;
    return this.failCheck ? Promise.reject(new Error('getaddrinfo ENOTFOUND updates.example.com')) : Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

const critical = { status: 'open', severity: 'critical', title: 'DB down' } as Incident;
const at0400 = Date.UTC(2026, 0, 10, 4, 0);

function run(o: { kiosk?: boolean; window?: string; incidents?: Incident[]; now?: number; fail?: boolean }) {
  const u = new FakeUpdater();
  u.failCheck = o.fail ?? false;
  const reports: AppUpdateStatus[] = [];
  const logs: string[] = [];
  let incidents = o.incidents ?? [];
  const up = startUpdater({
    updater: u as unknown as UpdaterDeps['updater'],
    settings: { url: 'https://updates.example.com/wallboard', channel: 'beta', ...(o.window ? { window: o.window } : {}) },
    kiosk: o.kiosk ?? false,
    timezone: undefined,
    incidents: async () => incidents,
    report: (s) => reports.push(s),
    log: (l) => logs.push(l),
    now: () => o.now ?? at0400,
    gateEveryMs: 3_600_000,
  });
  return { u, up, reports, logs, setIncidents: (l: Incident[]) => (incidents = l) };
}

describe('updater', () => {
  it('reads the generic feed from the board and never installs on quit by itself', () => {
    const { u, up } = run({});
    expect(u.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/wallboard', channel: 'beta' });
    expect([u.autoDownload, u.autoInstallOnAppQuit, u.checks]).toEqual([true, false, 1]);
    up.stop();
  });

  it('logs a failed check (offline) and reports it in status, without throwing', async () => {
    const { u, up, logs, reports } = run({ fail: true });
    await new Promise((r) => setTimeout(r, 0));
    u.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
    expect(logs).toEqual(['update check failed: getaddrinfo ENOTFOUND updates.example.com', 'update check failed (the wall keeps running): net::ERR_NAME_NOT_RESOLVED']);
    expect(reports.at(-1)).toMatchObject({ state: 'error', error: 'net::ERR_NAME_NOT_RESOLVED' });
    up.stop();
  });

  it('holds a downloaded update while a critical incident is open, then installs once it is resolved', async () => {
    const { u, up, reports, setIncidents } = run({ incidents: [critical] });
    u.emit('update-available', { version: '0.2.0' });
    u.emit('update-downloaded', { version: '0.2.0' });
    await expect.poll(() => reports.at(-1)?.waiting).toBe('1 critical incident is open (DB down)');
    expect(u.installs).toBe(0);
    setIncidents([{ ...critical, status: 'resolved' }]);
    await up.tryInstall();
    expect(u.installs).toBe(1);
    up.stop();
  });

  it('in kiosk mode installs only inside updates.window', async () => {
    const outside = run({ kiosk: true, window: '01:00-03:00' });
    outside.u.emit('update-downloaded', { version: '0.2.0' });
    await expect.poll(() => outside.reports.at(-1)?.waiting).toBe('outside the update window 01:00-03:00');
    expect(outside.u.installs).toBe(0);
    outside.up.stop();
    const inside = run({ kiosk: true, window: '03:00-05:00' });
    inside.u.emit('update-downloaded', { version: '0.2.0' });
    await expect.poll(() => inside.u.installs).toBe(1);
    inside.up.stop();
  });

  it('shows in the engine status (the status request and /api/status)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wallboard-upd-'));
    const engine = createEngine({ dataDir: dir, watch: false });
    try {
      engine.setUpdateStatus({ state: 'downloaded', version: '0.2.0', waiting: 'outside the update window 03:00-05:00', at: 1 });
      expect((await engine.request('status', {})).update).toEqual({ state: 'downloaded', version: '0.2.0', waiting: 'outside the update window 03:00-05:00', at: 1 });
    } finally {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
