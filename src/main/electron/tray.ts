// Laptop mode's tray: the icon is the worst open incident's colour, the tooltip counts them; the menu
// opens the board, pauses notifications for an hour, or quits.
import { join } from 'node:path';
import type { Incident } from '../../shared/model';
import { trayState } from '../shell/tray-state';
import type { ElectronApi } from './electron-api';

export const PAUSE_MS = 3_600_000; // ms: "Pause notifications for 1 h"

export interface TrayDeps {
  e: Pick<ElectronApi, 'Tray' | 'Menu' | 'nativeImage'>;
  resources: string;
  openBoard: () => void;
  quit: () => void;
  now?: () => number;
}

export interface WallTray {
  show(incidents: readonly Incident[]): void;
  /** unix ms until which notifications are paused (0: not paused) */
  pausedUntil(): number;
}

export function createTray(d: TrayDeps): WallTray {
  const now = d.now ?? Date.now;
  const icon = (file: string) => d.e.nativeImage.createFromPath(join(d.resources, 'tray', file));
  const tray = new d.e.Tray(icon('tray-none.png'));
  let paused = 0;
  let last: readonly Incident[] = [];
  const render = (): void => {
    const s = trayState(last, { paused: paused > now() });
    tray.setImage(icon(s.icon));
    tray.setToolTip(s.tooltip);
  };
  tray.setContextMenu(
    d.e.Menu.buildFromTemplate([
      { label: 'Open board', click: () => d.openBoard() },
      {
        label: 'Pause notifications for 1 h',
        click: () => {
          paused = now() + PAUSE_MS;
          render();
        },
      },
      { type: 'separator' },
      { label: 'Quit', click: () => d.quit() },
    ]),
  );
  tray.on('click', () => d.openBoard());
  render();
  return {
    show(incidents) {
      last = incidents;
      render();
    },
    pausedUntil: () => paused,
  };
}
