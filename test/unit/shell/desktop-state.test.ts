// The desktop app's remembered state (src/main/shell/desktop-state.ts, window-state.ts) on a real
// temp dir: what is kept, what a bad file does, and where a remembered window may reopen.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDesktopState, STATE_FILE, writeDesktopState } from '../../../src/main/shell/desktop-state';
import { pageFromUrl, restoreBounds } from '../../../src/main/shell/window-state';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wallboard-state-'));
  dirs.push(d);
  return d;
}

const STATE = { lastBoard: '/boards/noc.yaml', window: { bounds: { x: -1200, y: 40, width: 1400, height: 900 }, maximized: true, page: 'db-2' } };

describe('desktop state file', () => {
  it('reads back what it wrote, and replaces the file whole (no temp file left)', () => {
    const d = dir();
    const logs: string[] = [];
    writeDesktopState(d, { lastBoard: '/old.yaml' }, (l) => logs.push(l));
    writeDesktopState(d, STATE, (l) => logs.push(l));
    expect(readDesktopState(d, (l) => logs.push(l))).toEqual(STATE);
    expect(readdirSync(d)).toEqual([STATE_FILE]);
    expect(logs).toEqual([]);
  });

  it('is no state, silently, before the first run', () => {
    const logs: string[] = [];
    expect(readDesktopState(dir(), (l) => logs.push(l))).toEqual({});
    expect(logs).toEqual([]);
  });

  it('ignores a bad file with one log line naming it and why', () => {
    const cases: [string, RegExp][] = [
      ['{"window": {"bounds"', /ignored, not JSON/],
      [JSON.stringify({ window: { bounds: { x: 0, y: 0, width: 'wide', height: 9 }, maximized: false } }), /ignored, window\.bounds\.width: /],
      [JSON.stringify({ window: { ...STATE.window, page: '../../etc' } }), /ignored, window\.page: an id is/],
      [JSON.stringify({ window: { ...STATE.window, bounds: { x: 1e308, y: 0, width: 10, height: 10 } } }), /ignored, window\.bounds\.x: /],
      [JSON.stringify({ lastBoard: 42 }), /ignored, lastBoard: /],
      [JSON.stringify([1, 2]), /ignored, the file: /],
      [JSON.stringify({ ...STATE, token: 'x' }), /ignored, the file: .*token/],
    ];
    for (const [text, why] of cases) {
      const d = dir();
      writeFileSync(join(d, STATE_FILE), text);
      const logs: string[] = [];
      expect(readDesktopState(d, (l) => logs.push(l)), text).toEqual({});
      expect(logs, text).toHaveLength(1);
      expect(logs[0], text).toContain(join(d, STATE_FILE));
      expect(logs[0], text).toMatch(why);
    }
  });

  it('logs a failed write instead of throwing, and leaves no temp file behind', () => {
    const logs: string[] = [];
    writeDesktopState(join(dir(), 'gone'), STATE, (l) => logs.push(l));
    expect(logs[0]).toMatch(/gone\/desktop-state\.json: not saved \(ENOENT/);
    const d = dir();
    mkdirSync(join(d, STATE_FILE)); // why a directory: rename onto it fails even for root
    writeDesktopState(d, STATE, (l) => logs.push(l));
    expect(logs[1]).toMatch(/desktop-state\.json: not saved/);
    expect(readdirSync(d)).toEqual([STATE_FILE]);
  });
});

describe('remembered window', () => {
  const displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true },
    { id: 2, bounds: { x: -1280, y: 0, width: 1280, height: 1024 }, primary: false },
  ];
  const at = (x: number, y: number, width = 1200, height = 800) => ({ bounds: { x, y, width, height }, maximized: false });

  it('reopens where it was when enough of it is still on some display, else at the default place', () => {
    expect(restoreBounds(at(100, 50), displays)).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(restoreBounds(at(-1250, 100), displays)).toEqual({ x: -1250, y: 100, width: 1200, height: 800 }); // on the left display
    expect(restoreBounds(at(-1250, 100), displays.slice(0, 1))).toBeUndefined(); // that display is gone
    expect(restoreBounds(at(1850, 1000), displays)).toBeUndefined(); // a 70×80 px corner is not enough to grab
    expect(restoreBounds(at(100, 50, 120, 80), displays)).toBeUndefined(); // too small to use
    expect(restoreBounds(undefined, displays)).toBeUndefined();
  });

  it('reads the page from the renderer’s address, and only a page id', () => {
    expect(pageFromUrl('app://wallboard/index.html?rotate=0&page=db-2')).toBe('db-2');
    expect(pageFromUrl('app://wallboard/index.html?rotate=0')).toBeUndefined();
    expect(pageFromUrl('app://wallboard/index.html?page=..%2Fx')).toBeUndefined();
    expect(pageFromUrl('not a url')).toBeUndefined();
  });
});
