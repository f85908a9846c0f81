// The IPC request handler: the sender check and the same validation as HTTP, against a real engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/engine/index';
import { createRequestHandler, isAppUrl } from '../../../src/main/shell/ipc-requests';

let dir: string;
let engine: Engine;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wallboard-ipc-'));
  engine = createEngine({ dataDir: dir, watch: false });
});
afterAll(async () => {
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
});

const app = { frameUrl: 'app://wallboard/index.html?rotate=0', trustedFrame: true };

describe('isAppUrl', () => {
  it('is the app:// page only', () => {
    expect(isAppUrl('app://wallboard/index.html')).toBe(true);
    expect(isAppUrl('app://wallboard/')).toBe(true);
    for (const u of ['app://evil/index.html', 'http://wallboard/index.html', 'file:///app/index.html', 'app://x@wallboard/', 'https://example.com', '', undefined, 'not a url']) {
      expect(isAppUrl(u), String(u)).toBe(false);
    }
  });
});

describe('IPC request handler', () => {
  const handle = () => createRequestHandler(engine);

  it('answers a valid request from the app page with the engine’s own answer', async () => {
    const board = (await handle()(app, 'board', {})) as { title: string };
    expect(board.title).toBe((await engine.request('board', {})).title);
  });

  it('refuses a request from another page or from a frame that is not a main frame of its windows', async () => {
    await expect(handle()({ frameUrl: 'https://evil.example/', trustedFrame: true }, 'board', {})).rejects.toThrow(/^refused: a request from https:\/\/evil\.example\/, not the app's own page$/);
    await expect(handle()({ ...app, trustedFrame: false }, 'board', {})).rejects.toThrow(/^refused/);
  });

  it('validates names and args with the HTTP schemas', async () => {
    await expect(handle()(app, 'dropTables', {})).rejects.toThrow(/^unknown request "dropTables": the requests are board, /);
    await expect(handle()(app, 'query', { panels: [], from: 2, to: 1, maxPoints: 1 })).rejects.toThrow(/panels/);
    await expect(handle()(app, 'snooze', { id: 'x', until: 'soon' })).rejects.toThrow(/until/);
    await expect(handle()(app, 'ack', { id: 'x', extra: true })).rejects.toThrow();
  });
});
