// The laptop window's menu: File (Open recording…, Close window, Quit), Edit (for the incident note
// field), View (zoom, full screen), Window. Kiosk mode has no menu at all.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openRecording: () => void;
}

export const OPEN_RECORDING_LABEL = 'Open Recording…';

export function appMenuTemplate(a: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: OPEN_RECORDING_LABEL, accelerator: 'CmdOrCtrl+O', click: () => a.openRecording() },
        { type: 'separator' },
        { role: 'close' },
        ...(platform === 'darwin' ? [] : [{ role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}
