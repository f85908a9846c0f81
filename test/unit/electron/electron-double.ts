// A recording double of exactly the Electron calls the shell makes (src/main/electron). Every call is
// appended to `calls` as "Api.method" (+ a short argument summary where a test checks it); objects the
// shell receives (windows, webContents, trays, notifications) are EventEmitters the test drives.
//
// The calls, by module:
//   app: on, whenReady, requestSingleInstanceLock, quit, exit, setLoginItemSettings
//   BrowserWindow: new, fromWebContents, getAllWindows; win.setMenuBarVisibility, once, on, loadURL,
//     isDestroyed, isMinimized, restore, show, focus, hide, close, setBounds, maximize, getNormalBounds,
//     isMaximized, setTitle
//   webContents: on, send, setWindowOpenHandler, mainFrame, getURL, isDestroyed
//   dialog: showErrorBox, showOpenDialog · globalShortcut: register, unregisterAll · ipcMain: handle
//   Menu: setApplicationMenu, buildFromTemplate · nativeImage: createFromPath
//   Notification: isSupported, new, on, show · powerSaveBlocker: start, stop
//   protocol: registerSchemesAsPrivileged, handle · safeStorage: isEncryptionAvailable, encryptString, decryptString
//   screen: getAllDisplays, getPrimaryDisplay, on · session.defaultSession: setPermissionRequestHandler, setPermissionCheckHandler
//   shell: openExternal · Tray: new, setImage, setToolTip, setContextMenu, on
import { EventEmitter } from 'node:events';
import type { ElectronApi } from '../../../src/main/electron/electron-api';

type Fn = (...args: never[]) => unknown;

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

export class FakeContents extends EventEmitter {
  readonly mainFrame = { url: '' };
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  sent: [string, unknown][] = [];
  destroyed = false;
  constructor(private readonly calls: string[]) {
    super();
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.calls.push('webContents.setWindowOpenHandler');
    this.openHandler = h;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The page's address now (a test sets mainFrame.url as the renderer's replaceState would). */
  getURL(): string {
    return this.mainFrame.url;
  }
}

export class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents: FakeContents;
  destroyed = false;
  visible = false;
  urls: string[] = [];
  bounds: { x: number; y: number; width: number; height: number };
  maximized = false;
  minimized = false;
  menuBar = true;
  title = '';
  constructor(
    readonly options: Record<string, unknown>,
    private readonly calls: string[],
  ) {
    super();
    this.webContents = new FakeContents(calls);
    this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width), height: Number(options.height) };
    FakeWindow.all.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.calls.push(`win.loadURL ${url}`);
    this.urls.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  setTitle(t: string): void {
    this.title = t;
  }
  setMenuBarVisibility(v: boolean): void {
    this.menuBar = v;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('win.restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('win.show');
    this.visible = true;
  }
  focus(): void {
    this.calls.push('win.focus');
  }
  hide(): void {
    this.calls.push('win.hide');
    this.visible = false;
  }
  close(): void {
    this.calls.push('win.close');
    const ev = { defaultPrevented: false, preventDefault() {
      this.defaultPrevented = true;
    } };
    this.emit('close', ev);
    if (ev.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    FakeWindow.all = FakeWindow.all.filter((w) => w !== this);
    this.emit('closed');
  }
  setBounds(b: FakeWindow['bounds']): void {
    this.calls.push(`win.setBounds ${b.x},${b.y}`);
    this.bounds = b;
  }
  maximize(): void {
    this.calls.push('win.maximize');
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): FakeWindow['bounds'] {
    return this.bounds;
  }
}

export class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

export interface Double {
  e: ElectronApi;
  calls: string[];
  app: EventEmitter & { ready(): Promise<void>; exitCode: number | undefined; quitCalled: boolean };
  displays: FakeDisplay[];
  screen: EventEmitter;
  ipcHandlers: Map<string, Fn>;
  protocolHandler?: (req: Request) => Promise<Response> | Response;
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | undefined;
  errorBoxes: [string, string][];
  /** What the next showOpenDialog answers; each call's options are kept in openDialogs. */
  openDialogAnswer: { canceled: boolean; filePaths: string[] };
  openDialogs: Record<string, unknown>[];
  /** The template given to the last Menu.setApplicationMenu (null: no menu). */
  appMenu: MenuTemplate | null | undefined;
  shortcuts: Map<string, () => void>;
  trays: (EventEmitter & { image: string; tooltip: string; menu: { label?: string; click?: () => void }[] })[];
  opened: string[];
  keychain: Map<string, string>;
}

export interface MenuTemplate {
  items: { label?: string; role?: string; click?: () => void; submenu?: { label?: string; role?: string; accelerator?: string; click?: () => void }[] }[];
}

export function createDouble(opts: { displays?: FakeDisplay[]; singleInstance?: boolean } = {}): Double {
  const calls: string[] = [];
  FakeWindow.all = [];
  FakeNotification.shown = [];
  let readyResolve: () => void = () => undefined;
  const readyP = new Promise<void>((r) => (readyResolve = r));
  const app = Object.assign(new EventEmitter(), {
    quitCalled: false,
    exitCode: undefined as number | undefined,
    async ready() {
      readyResolve();
      await readyP;
      await new Promise((r) => setTimeout(r, 0));
    },
  });
  const d: Double = {
    e: undefined as unknown as ElectronApi,
    calls,
    app,
    displays: (opts.displays ?? [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }]).map((x) => ({ ...x })),
    screen: new EventEmitter(),
    ipcHandlers: new Map(),
    permissionRequest: undefined,
    permissionCheck: undefined,
    errorBoxes: [],
    openDialogAnswer: { canceled: true, filePaths: [] },
    openDialogs: [],
    appMenu: undefined,
    shortcuts: new Map(),
    trays: [],
    opened: [],
    keychain: new Map(),
  };
  const rec = (name: string) => calls.push(name);
  const electronApp = {
    on: (ev: string, l: Fn) => {
      rec(`app.on ${ev}`);
      app.on(ev, l as never);
      return electronApp;
    },
    whenReady: () => {
      rec('app.whenReady');
      return readyP;
    },
    requestSingleInstanceLock: () => {
      rec('app.requestSingleInstanceLock');
      return opts.singleInstance ?? true;
    },
    quit: () => {
      rec('app.quit');
      app.quitCalled = true;
      app.emit('before-quit');
    },
    exit: (code: number) => {
      rec(`app.exit ${code}`);
      app.exitCode = code;
    },
    setLoginItemSettings: (s: { openAtLogin: boolean }) => rec(`app.setLoginItemSettings ${s.openAtLogin}`),
  };
  class BrowserWindow extends FakeWindow {
    constructor(options: Record<string, unknown>) {
      super(options, calls);
      rec('BrowserWindow.new');
      app.emit('web-contents-created', {}, this.webContents);
    }
    static fromWebContents(wc: unknown) {
      return FakeWindow.all.find((w) => w.webContents === wc) ?? null;
    }
    static getAllWindows() {
      return [...FakeWindow.all];
    }
  }
  class Tray extends EventEmitter {
    image = '';
    tooltip = '';
    menu: { label?: string; click?: () => void }[] = [];
    constructor(image: { path: string }) {
      super();
      rec('Tray.new');
      this.image = image.path;
      d.trays.push(this);
    }
    setImage(image: { path: string }) {
      this.image = image.path;
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setContextMenu(m: { items: { label?: string; click?: () => void }[] }) {
      this.menu = m.items;
    }
  }
  let blockers = 0;
  const e = {
    app: electronApp,
    BrowserWindow,
    dialog: {
      showErrorBox: (t: string, c: string) => (rec('dialog.showErrorBox'), d.errorBoxes.push([t, c])),
      showOpenDialog: (...args: unknown[]) => {
        rec('dialog.showOpenDialog');
        d.openDialogs.push(args[args.length - 1] as Record<string, unknown>);
        return Promise.resolve(d.openDialogAnswer);
      },
    },
    globalShortcut: {
      register: (acc: string, cb: () => void) => (rec(`globalShortcut.register ${acc}`), d.shortcuts.set(acc, cb), true),
      unregisterAll: () => (rec('globalShortcut.unregisterAll'), d.shortcuts.clear()),
    },
    ipcMain: { handle: (ch: string, h: Fn) => (rec(`ipcMain.handle ${ch}`), d.ipcHandlers.set(ch, h)) },
    Menu: {
      setApplicationMenu: (m: MenuTemplate | null) => (rec(`Menu.setApplicationMenu ${m === null ? 'null' : 'menu'}`), (d.appMenu = m)),
      buildFromTemplate: (items: unknown[]) => (rec('Menu.buildFromTemplate'), { items }),
    },
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
    Notification: FakeNotification,
    powerSaveBlocker: {
      start: (type: string) => (rec(`powerSaveBlocker.start ${type}`), ++blockers),
      stop: (id: number) => rec(`powerSaveBlocker.stop ${id}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: { scheme: string; privileges: Record<string, boolean> }[]) => rec(`protocol.registerSchemesAsPrivileged ${JSON.stringify(s)}`),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => (rec(`protocol.handle ${scheme}`), (d.protocolHandler = h)),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      // why reversible but not plain: the test checks the file never holds the clear value
      encryptString: (s: string) => Buffer.from(`enc:${[...s].reverse().join('')}`),
      decryptString: (b: Buffer) => [...b.toString().replace(/^enc:/, '')].reverse().join(''),
    },
    screen: Object.assign(d.screen, {
      getAllDisplays: () => d.displays.map((x) => ({ ...x })),
      getPrimaryDisplay: () => ({ ...(d.displays[0] as FakeDisplay) }),
    }),
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Double['permissionRequest']) => (rec('session.setPermissionRequestHandler'), (d.permissionRequest = h)),
        setPermissionCheckHandler: (h: Double['permissionCheck']) => (rec('session.setPermissionCheckHandler'), (d.permissionCheck = h)),
      },
    },
    shell: { openExternal: (url: string) => (rec(`shell.openExternal ${url}`), d.opened.push(url), Promise.resolve()) },
    Tray,
  };
  d.e = e as unknown as ElectronApi;
  return d;
}
