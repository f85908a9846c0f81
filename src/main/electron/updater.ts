// Updates from the board's generic feed (`updates: {url, channel, window}`), off when absent. A failed
// check (offline) is logged, never shown on a wall; a downloaded update installs only when the gate
// allows it (no critical incident open; in kiosk mode only inside updates.window).
import type { AppUpdater } from 'electron-updater';
import type { UpdateSettings } from '../../shared/desktop-schema';
import type { Incident } from '../../shared/model';
import { tzOffsetMinutes } from '../engine/notify/quiet-hours';
import { updateGate } from '../shell/update-gate';

export type UpdateState = 'off' | 'idle' | 'checking' | 'downloading' | 'downloaded' | 'error';

const CHECK_EVERY_MS = 6 * 3_600_000; // ms between feed checks
const GATE_EVERY_MS = 60_000; // ms between install attempts once downloaded

export interface UpdaterDeps {
  updater: Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'on'> & { autoDownload: boolean; autoInstallOnAppQuit: boolean };
  settings: UpdateSettings;
  kiosk: boolean;
  timezone: string | undefined;
  incidents: () => Promise<Incident[]>;
  log: (line: string) => void;
  now?: () => number;
}

export function startUpdater(d: UpdaterDeps): { state(): UpdateState; stop(): void } {
  const now = d.now ?? Date.now;
  let state: UpdateState = 'idle';
  d.updater.autoDownload = true;
  // why: an install only ever happens through the gate below, never as a side effect of quitting
  d.updater.autoInstallOnAppQuit = false;
  d.updater.setFeedURL({ provider: 'generic', url: d.settings.url, channel: d.settings.channel });
  d.updater.on('checking-for-update', () => (state = 'checking'));
  d.updater.on('update-available', () => (state = 'downloading'));
  d.updater.on('update-not-available', () => (state = 'idle'));
  d.updater.on('error', (err) => {
    state = 'error';
    d.log(`update check failed (the wall keeps running): ${err.message}`);
  });
  d.updater.on('update-downloaded', (info) => {
    state = 'downloaded';
    d.log(`update ${info.version} downloaded; it installs when no critical incident is open${d.kiosk ? ` and inside ${d.settings.window ?? '(no window set)'}` : ''}`);
  });
  const check = (): void => {
    d.updater.checkForUpdates().catch((err: unknown) => d.log(`update check failed: ${(err as Error).message}`));
  };
  const tryInstall = async (): Promise<void> => {
    if (state !== 'downloaded') return;
    const t = now();
    const gate = updateGate({ incidents: await d.incidents(), kiosk: d.kiosk, window: d.settings.window, now: t, utcOffsetMinutes: tzOffsetMinutes(d.timezone, t) });
    if (gate.install) d.updater.quitAndInstall(true, true);
  };
  check();
  const checkTimer = setInterval(check, CHECK_EVERY_MS);
  const gateTimer = setInterval(() => void tryInstall().catch((err: unknown) => d.log(`update install failed: ${(err as Error).message}`)), GATE_EVERY_MS);
  return {
    state: () => state,
    stop() {
      clearInterval(checkTimer);
      clearInterval(gateTimer);
    },
  };
}
