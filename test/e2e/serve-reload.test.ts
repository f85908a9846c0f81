// Hot reload against the real `wallboard serve` process: a hostile board file saved into the watched
// path (an alias bomb) is refused with its line, the last good board keeps running, and the process
// lives on; a good board saved afterwards applies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, StatusReport } from '../../src/shared/api';
import { getJson, waitFor } from '../integration/servers';
import { demoBoardYaml, startWallboard, type Wallboard } from './serve';

const board = demoBoardYaml;

function aliasBomb(): string {
  let y = `title: Bomb\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  let prev = 'a';
  for (const n of 'bcdefghijkl') {
    y += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = n;
  }
  return y;
}

let wb: Wallboard;

beforeAll(async () => {
  wb = await startWallboard({ boardYaml: board('Good board') });
});

afterAll(async () => {
  await wb?.stop();
});

describe('hot reload of a hostile board file', () => {
  it('keeps serving the last good board and shows the error at its line', async () => {
    const file = join(wb.dataDir, 'board.yaml');
    writeFileSync(file, aliasBomb());
    const status = await waitFor('the config error in /api/status', async () => {
      const s = await getJson<StatusReport>(`${wb.url}/api/status`);
      return s.configError ? s : undefined;
    }, 20_000);
    expect(status.configError?.errors[0]).toMatch(/board\.yaml:3:\d+: board expands to more than \d+ values/);
    expect((await getJson<BoardView>(`${wb.url}/api/board`)).title).toBe('Good board');
    writeFileSync(file, board('Fixed board'));
    await waitFor('the fixed board', async () => (await getJson<BoardView>(`${wb.url}/api/board`)).title === 'Fixed board', 20_000);
    expect((await getJson<StatusReport>(`${wb.url}/api/status`)).configError).toBeUndefined();
  });
});
