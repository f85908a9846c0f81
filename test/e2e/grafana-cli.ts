// Runs the real `wallboard import-grafana` CLI on a dashboard and loads the board it wrote, as
// check-config would; throws with the CLI's own output when either fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBoardText } from '../../src/main/engine/config/load';
import type { Board } from '../../src/shared/config-schema';

export interface Imported {
  board: Board;
  yaml: string;
  stderr: string;
}

/** `dashboard`: a path; the board is written to `dir/name.yaml`. */
export function importGrafana(dashboard: string, prometheusUrl: string, dir: string, name: string, extraArgs: string[] = []): Imported {
  const out = join(dir, `${name}.yaml`);
  const r = spawnSync(process.execPath, ['bin/wallboard.js', 'import-grafana', dashboard, '--prometheus', prometheusUrl, ...extraArgs, '-o', out], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`import-grafana failed: ${r.stderr}`);
  const yaml = readFileSync(out, 'utf8');
  const loaded = parseBoardText(yaml, out, {});
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return { board: loaded.board, yaml, stderr: r.stderr };
}
