// Imports a Grafana fixture with a fake Prometheus and loads the board as check-config would.
import { readFileSync } from 'node:fs';
import { parseBoardText } from '../../../src/main/engine/config/load';
import { importDashboard } from '../../../src/main/grafana/import';
import type { Panel } from '../../../src/shared/config-schema';
import { fakeClient } from './fake-client';

export async function importFixture(path: string): Promise<{ byTitle: (title: string) => Panel; summary: string }> {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const r = await importDashboard(json, { prometheusUrl: 'http://127.0.0.1:9090', client: fakeClient([], {}), vars: new Map() });
  if (!r.ok) throw new Error(r.reason);
  const check = parseBoardText(r.yaml, 'imported.yaml', {});
  if (!check.ok) throw new Error(check.problems.map((p) => p.message).join('\n'));
  const all = check.board.pages.flatMap((p) => p.panels);
  const byTitle = (title: string): Panel => all.find((x) => x.title === title) as Panel;
  return { byTitle, summary: r.notes.summary('o.json').join('\n') };
}
