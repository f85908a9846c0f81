import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConfigCommand } from '../../../src/main/cli/check-config';
import { importGrafanaCommand, type ImportGrafanaArgs } from '../../../src/main/cli/import-grafana';

const dir = mkdtempSync(join(tmpdir(), 'wallboard-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

async function run(input: string, args: Partial<ImportGrafanaArgs> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importGrafanaCommand(input, { var: [], ...args }, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('wallboard import-grafana', () => {
  it('writes a board check-config accepts, and prints the summary', async () => {
    const out = join(dir, 'stats.yaml');
    const r = await run('test/fixtures/grafana/prometheus-stats-rows.json', { output: out });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^imported 8 panels \(4 as they are, 4 approximated\), skipped 2$/m);
    expect(r.err).toMatch(/stats\.yaml: 2 pages, 10 panels \(Prometheus at http:\/\/127\.0\.0\.1:9090; set it with --prometheus\)/);
    const lines: string[] = [];
    expect(checkConfigCommand(out, (s) => lines.push(s), (s) => lines.push(s))).toBe(0);
    expect(lines.join('')).toMatch(/ok — "Prometheus Stats \(fixture\)": 2 pages, 10 panels/);
  });

  it('without -o the board goes to stdout', async () => {
    const r = await run('test/fixtures/grafana/node-exporter-panels.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Imported from the Grafana dashboard "Node Exporter \(fixture\)"/);
  });

  const bad: [string, () => Promise<{ input: string; args?: Partial<ImportGrafanaArgs> }>, RegExp][] = [
    ['not JSON', async () => ({ input: file('bad.json', '{\n  "title": "x",\n  oops\n}') }), /bad\.json:3:3: not JSON: /],
    ['not a dashboard', async () => ({ input: file('other.json', '{"name": "x"}') }), /other\.json: not a Grafana dashboard: it has neither "panels" nor "rows"/],
    ['a missing file', async () => ({ input: join(dir, 'nope.json') }), /nope\.json: cannot read: file not found/],
    ['a bad --var', async () => ({ input: 'test/fixtures/grafana/node-exporter-panels.json', args: { var: ['novalue'] } }), /^--var novalue: write NAME=VALUE/],
    ['a bad --prometheus', async () => ({ input: 'test/fixtures/grafana/node-exporter-panels.json', args: { prometheus: 'localhost:9090' } }), /^--prometheus localhost:9090: expected an http/],
    [
      'a Prometheus that cannot be reached',
      async () => ({ input: 'test/fixtures/grafana/node-exporter-panels.json', args: { prometheus: `http://127.0.0.1:${await closedPort()}` } }),
      /node-exporter-panels\.json: variable \$job: Prometheus at http:\/\/127\.0\.0\.1:\d+ \(\/api\/v1\/label\/job\/values\): .*(refused|ECONNREFUSED)/i,
    ],
  ];
  for (const [what, make, message] of bad) {
    it(`${what}: one clear line, exit 1, -o not written`, async () => {
      const { input, args } = await make();
      const out = join(dir, `never-${what.replace(/\W+/g, '-')}.yaml`);
      const r = await run(input, { ...args, output: out });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n').filter((l) => !l.startsWith('resolving variables'))).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('a failed import leaves an existing -o file as it was', async () => {
    const out = file('keep.yaml', 'title: keep\n');
    expect((await run(file('bad2.json', '[]'), { output: out })).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('title: keep\n');
  });
});
