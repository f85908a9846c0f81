// Kiosk mode: a frameless full-screen wall window on each chosen display (re-laid when displays come
// and go), the display kept awake, no menu, and a key chord as the only way out.
import type { KioskSettings } from '../../shared/desktop-schema';
import { planWallWindows, relayout, type DisplayInfo, type WallWindowPlan } from '../shell/display-layout';
import type { ElectronApi, Win } from './electron-api';

export interface KioskDeps {
  e: Pick<ElectronApi, 'app' | 'globalShortcut' | 'Menu' | 'powerSaveBlocker' | 'screen'>;
  settings: KioskSettings;
  open: (plan: WallWindowPlan) => Win;
  log: (line: string) => void;
}

function displays(e: Pick<ElectronApi, 'screen'>): DisplayInfo[] {
  const primary = e.screen.getPrimaryDisplay().id;
  return e.screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === primary }));
}

export function startKiosk(d: KioskDeps): { windows: Map<number, { plan: WallWindowPlan; win: Win }>; stop(): void } {
  const { e, settings } = d;
  d.e.Menu.setApplicationMenu(null);
  const blocker = e.powerSaveBlocker.start('prevent-display-sleep');
  if (!e.globalShortcut.register(settings.exitChord, () => e.app.quit())) d.log(`kiosk exit chord ${settings.exitChord} could not be registered; quit from the OS`);
  if (settings.startAtLogin) e.app.setLoginItemSettings({ openAtLogin: true });
  const windows = new Map<number, { plan: WallWindowPlan; win: Win }>();
  const lay = (): void => {
    const next = planWallWindows(displays(e), settings);
    if (next.missing.length) d.log(`kiosk: display index ${next.missing.join(', ')} is not connected`);
    const plan = relayout(new Map([...windows].map(([id, w]) => [id, w.plan])), next);
    for (const id of plan.close) {
      windows.get(id)?.win.close();
      windows.delete(id);
    }
    for (const p of plan.update) {
      const w = windows.get(p.displayId);
      if (!w) continue;
      w.win.setBounds(p.bounds);
      if (JSON.stringify(w.plan.pages) !== JSON.stringify(p.pages)) {
        w.win.close();
        windows.set(p.displayId, { plan: p, win: d.open(p) });
      } else windows.set(p.displayId, { plan: p, win: w.win });
    }
    for (const p of plan.open) windows.set(p.displayId, { plan: p, win: d.open(p) });
  };
  lay();
  e.screen.on('display-added', lay);
  e.screen.on('display-removed', lay);
  e.screen.on('display-metrics-changed', lay);
  return {
    windows,
    stop() {
      e.powerSaveBlocker.stop(blocker);
      e.globalShortcut.unregisterAll();
    },
  };
}
