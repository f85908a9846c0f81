// Updates from the board's generic feed (`updates: {url, channel, window}`), off when absent. A failed
// check (offline) is logged and shown in status, never on a wall; a downloaded update installs only
// when the gate allows it (no critical incident open; in kiosk mode only inside updates.window).
import type { AppUpdater } from 'electron-updater';
import type { AppUpdateStatus } from '../../shared/api';
import type { UpdateSettings } from '../../shared/desktop-schema';
import type { Incident } from '../../shared/model';
import { tzOffsetMinutes } from '../engine/notify/quiet-hours';
import { updateGate } from '../shell/update-gate';

export interface UpdaterDeps {
  updater: Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'on'> & { autoDownload: boolean; autoInstallOnAppQuit: boolean };
  settings: UpdateSettings;
  kiosk: boolean;
  timezone: string | undefined;
  incidents: () => Promise<Incident[]>;
  /** Where the state goes (the engine's status). */
  report: (s: AppUpdateStatus) => void;
  log: (line: string) => void;
  now?: () => number;
  /** ms between feed checks */
  checkEveryMs?: number;
  /** ms between install attempts once downloaded */
  gateEveryMs?: number;
}

export function startUpdater(d: UpdaterDeps): { state(): AppUpdateStatus; tryInstall(): Promise<void>; stop(): void } {
  const now = d.now ?? Date.now;
  let status: AppUpdateStatus = { state: 'idle', at: now() };
  const set = (patch: Omit<AppUpdateStatus, 'at'>): void => {
    status = { ...patch, at: now() };
    d.report(status);
  };
  d.updater.autoDownload = true;
  // why: an install only ever happens through the gate below, never as a side effect of quitting
  d.updater.autoInstallOnAppQuit = false;
  d.updater.setFeedURL({ provider: 'generic', url: d.settings.url, channel: d.settings.channel });
  d.updater.on('checking-for-update', () => set({ state: 'checking' }));
  d.updater.on('update-available', (info) => set({ state: 'downloading', version: info.version }));
  d.updater.on('update-not-available', () => set({ state: 'idle' }));
  d.updater.on('error', (err) => {
    set({ state: 'error', error: err.message });
    d.log(`update check failed (the wall keeps running): ${err.message}`);
  });
  d.updater.on('update-downloaded', (info) => {
    set({ state: 'downloaded', version: info.version });
    d.log(`update ${info.version} downloaded; it installs when the update gate allows`);
    void tryInstall();
  });
  async function tryInstall(): Promise<void> {
    if (status.state !== 'downloaded') return;
    const t = now();
    const gate = updateGate({ incidents: await d.incidents(), kiosk: d.kiosk, window: d.settings.window, now: t, utcOffsetMinutes: tzOffsetMinutes(d.timezone, t) });
    if (gate.install) {
      d.log(`installing update ${status.version ?? ''}`);
      d.updater.quitAndInstall(true, true);
    } else if (status.waiting !== gate.reason) set({ state: 'downloaded', ...(status.version ? { version: status.version } : {}), waiting: gate.reason });
  }
  const check = (): void => {
    d.updater.checkForUpdates().catch((err: unknown) => d.log(`update check failed: ${(err as Error).message}`));
  };
  check();
  const checkTimer = setInterval(check, d.checkEveryMs ?? 6 * 3_600_000);
  const gateTimer = setInterval(() => void tryInstall().catch((err: unknown) => d.log(`update install failed: ${(err as Error).message}`)), d.gateEveryMs ?? 60_000);
  return {
    state: () => status,
    tryInstall,
    stop() {
      clearInterval(checkTimer);
      clearInterval(gateTimer);
    },
  };
}
