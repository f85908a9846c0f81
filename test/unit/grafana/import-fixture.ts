// Imports a Grafana dashboard (a fixture file or an object) with a fake Prometheus and loads the board
// as check-config would.
import { readFileSync } from 'node:fs';
import { parseBoardText } from '../../../src/main/engine/config/load';
import { importDashboard } from '../../../src/main/grafana/import';
import type { Board, Panel } from '../../../src/shared/config-schema';
import { fakeClient } from './fake-client';

type Client = ReturnType<typeof fakeClient>;

export interface Imported {
  board: Board;
  all: Panel[];
  byTitle: (title: string) => Panel;
  /** The printed summary, the file named `file` (`dash.json` unless said). */
  summary: string;
  client: Client;
}

export async function importJson(json: unknown, client: Client = fakeClient([], {}), file = 'dash.json'): Promise<Imported> {
  const r = await importDashboard(json, { prometheusUrl: 'http://127.0.0.1:9090', client, vars: new Map() });
  if (!r.ok) throw new Error(r.reason);
  const check = parseBoardText(r.yaml, 'imported.yaml', {});
  if (!check.ok) throw new Error(check.problems.map((p) => p.message).join('\n'));
  const all = check.board.pages.flatMap((p) => p.panels);
  const byTitle = (title: string): Panel => {
    const p = all.find((x) => x.title === title);
    if (!p) throw new Error(`no panel "${title}" in ${all.map((x) => x.title).join(', ')}`);
    return p;
  };
  return { board: check.board, all, byTitle, summary: r.notes.summary(file).join('\n'), client };
}

export async function importFixture(path: string): Promise<Imported> {
  return importJson(JSON.parse(readFileSync(path, 'utf8')) as unknown, fakeClient([], {}), 'o.json');
}
