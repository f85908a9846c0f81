import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../src/shared/config-schema';
import { parseBoardText } from '../../../src/main/engine/config/load';
import { importDashboard, type ImportOptions } from '../../../src/main/grafana/import';
import { fakeClient } from './fake-client';

const fixture = (name: string): unknown => JSON.parse(readFileSync(`test/fixtures/grafana/${name}`, 'utf8'));

const NODE_SERIES = [
  { __name__: 'node_load1', job: 'node', instance: 'host-a:9100' },
  { __name__: 'node_load1', job: 'node', instance: 'host-b:9100' },
  { __name__: 'node_load1', job: 'blackbox', instance: 'probe:9115' },
];
const cpuQuery = (host: string) => `count by (cpu) (node_cpu_seconds_total{instance="${host}",mode="idle"})`;
const CPU_QUERY = cpuQuery('host-a:9100');
const CPUS = [{ metric: { cpu: '1' }, value: '4' }, { metric: { cpu: '0' }, value: '4' }];
const nodeClient = () => fakeClient(NODE_SERIES, { [CPU_QUERY]: CPUS, [cpuQuery('host-b:9100')]: CPUS });

async function run(name: string, opts: Partial<ImportOptions> = {}) {
  const r = await importDashboard(fixture(name), { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map(), ...opts });
  if (!r.ok) throw new Error(r.reason);
  const check = parseBoardText(r.yaml, 'imported.yaml', {});
  if (!check.ok) throw new Error(check.problems.map((p) => p.message).join('\n'));
  const panels = new Map<string, Panel>(check.board.pages.flatMap((p) => p.panels.map((x) => [x.title ?? x.id, x] as [string, Panel])));
  return { ...r, loaded: check.board, panels, summary: r.notes.summary().join('\n') };
}

describe('import: new layout (panels, rows, collapsed repeated row) with variables resolved against Prometheus', () => {
  it('resolves chained variables, maps every panel type and passes the board loader', async () => {
    const client = nodeClient();
    const r = await run('node-exporter-panels.json', { client });
    // job kept (saved "node" is offered); node falls back to the first offered value; cpu All → both, numeric order
    expect(client.calls.slice(0, 3)).toEqual(['labelValues(job, node_load1)', 'labelValues(instance, node_load1{job="node"})', `query(${CPU_QUERY})`]);
    const cpu = r.panels.get('CPU Busy')!;
    expect(cpu).toMatchObject({ type: 'gauge', unit: 'percent', decimals: 1, min: 0, max: 100, thresholds: [{ value: 85, severity: 'warning' }, { value: 95, severity: 'critical' }] });
    expect(cpu.query).toBe('100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle", instance="host-a:9100", job="node"}[$__rate_interval])))');
    expect(r.panels.get('Load 1m')).toMatchObject({ type: 'stat', legend: '{{instance}}', decimals: 2 });
    expect(r.panels.get('RAM Used')).toMatchObject({ type: 'gauge', unit: 'percent' });
    const basic = r.panels.get('CPU Basic')!;
    // the hidden target is skipped; ${mode:regex} over the saved multi selection is an alternation
    expect(basic).toMatchObject({ type: 'timeseries', unit: 'percentunit', stack: true, fill: 0.4, legend: '{{mode}}' });
    expect(basic.query).toContain('mode=~"(user|system)"');
    expect(basic.queries).toBeUndefined();
    const mem = r.panels.get('Memory Basic')!;
    expect(mem.queries?.map((q) => q.legend)).toEqual(['RAM Used', 'RAM Cache']);
    expect(mem.queries?.[1]?.query).toBe('node_memory_Cached_bytes{instance="host-a:9100",job="node"}');
    expect(mem.stack).toBeUndefined();
    // the collapsed row repeated per CPU, each copy titled and bound to its value
    expect(r.loaded.pages.map((p) => p.title)).toEqual([
      'Node Exporter (fixture) — Quick CPU / Mem / Disk · Basic CPU / Mem · CPU 0',
      'Node Exporter (fixture) — CPU 1 · Load per interval',
    ]);
    // each copy's panels name it (the row headers do not survive a wall page)
    const busy = r.loaded.pages.flatMap((p) => p.panels).filter((p) => p.title?.startsWith('Busy'));
    expect(busy.map((p) => p.title)).toEqual(['Busy — CPU 0', 'Busy — CPU 1']);
    expect(busy.map((p) => p.query)).toEqual([
      '1 - rate(node_cpu_seconds_total{instance="host-a:9100",cpu="0",mode="idle"}[$__rate_interval])',
      '1 - rate(node_cpu_seconds_total{instance="host-a:9100",cpu="1",mode="idle"}[$__rate_interval])',
    ]);
    // repeat panel over the custom multi variable, interval variable and constant substituted
    expect(r.panels.get('Load 5m avg — user')?.query).toContain('[5m]');
    expect(r.panels.get('Load 5m avg — system')?.query).toContain('mode="system"');
    expect(r.panels.get('Time')?.query).toBe('node_time_seconds{instance="host-a:9100"} - 0');
    expect(r.board.timeRange).toBe('24h');
  });

  it('turns what it cannot draw into text panels that say what and why, and says so in the summary', async () => {
    const r = await run('node-exporter-panels.json', { client: nodeClient() });
    expect(r.panels.get('Top processes')).toMatchObject({ type: 'text', text: expect.stringMatching(/Not imported.*table.*tables are not drawn/s) });
    expect(r.panels.get('Top processes')?.text).toContain('topk(5, node_load1)');
    expect(r.panels.get('Syslog')?.type).toBe('text');
    expect(r.panels.get('About this board')?.text).toBe('Node **host-a:9100** of job `node`, interval 5m, env $ {env:HOME}.');
    expect(r.summary).toMatch(/^imported \d+ panels \(\d+ as they are, \d+ approximated\), skipped 2$/m);
    expect(r.summary).toContain('skipped: panel "Top processes": panel type table: tables are not drawn on the wall');
    expect(r.summary).toContain('approximated: panel "Load 1m": the mean over the dashboard\'s range is taken in PromQL (avg_over_time of a $__range subquery');
    expect(r.summary).toContain('approximated: variable $filters: ad hoc filters are not applied');
  });

  it('--brand-label takes each panel’s brand from its matchers', async () => {
    const r = await run('node-exporter-panels.json', { client: nodeClient(), brandLabel: 'job' });
    expect(r.loaded.brands).toEqual([{ id: 'node', name: 'node', color: expect.stringMatching(/^#/) }]);
    expect(r.panels.get('CPU Busy')?.brand).toBe('node');
    expect(r.panels.get('Top processes')?.brand).toBeUndefined();
  });

  it('--var picks values before the saved ones', async () => {
    const r = await run('node-exporter-panels.json', { client: nodeClient(), vars: new Map([['node', ['host-b:9100']]]) });
    expect(r.panels.get('CPU Busy')?.query).toContain('instance="host-b:9100"');
  });

  it('a Prometheus that fails while resolving variables is an error, not a half board', async () => {
    const r = await importDashboard(fixture('node-exporter-panels.json'), { prometheusUrl: 'http://x:1', client: fakeClient(NODE_SERIES), vars: new Map() });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^variable \$cpu: bad_data/) });
  });
});

describe('import: schemaVersion 14 rows (Prometheus stats)', () => {
  it('maps graph, singlestat (and its gauge), text, units with factors, old thresholds and [[var]]', async () => {
    const client = fakeClient([
      { __name__: 'prometheus_build_info', job: 'prometheus', instance: 'localhost:9090' },
      { __name__: 'prometheus_build_info', job: 'prometheus', instance: 'replica.b:9090' },
    ]);
    const r = await run('prometheus-stats-rows.json', { client });
    expect(r.loaded.pages.map((p) => p.title)).toEqual(['Prometheus Stats (fixture) — Overview · Storage', 'Prometheus Stats (fixture) — Scrapes']);
    // All with a custom all value → verbatim; the instance regex keeps the host part, so the saved
    // "localhost:9090" is no longer offered and Grafana selects its first option, All (includeAll)
    expect(r.panels.get('Uptime')).toMatchObject({ type: 'stat', unit: 's', decimals: 1, query: 'time() - process_start_time_seconds{job=~".+", instance=~"(localhost|replica\\\\.b)"}' });
    expect(r.panels.get('Uptime')?.min).toBeUndefined();
    expect(r.panels.get('Local Storage Memory Series')).toMatchObject({ type: 'gauge', min: 0, max: 3_000_000, thresholds: [{ value: 1_000_000, severity: 'warning' }, { value: 2_000_000, severity: 'critical' }] });
    // an old singlestat's valueName "avg" is the mean over the dashboard's range, computed by Prometheus
    expect(r.panels.get('Memory Chunks')).toMatchObject({ decimals: 0, query: 'avg_over_time((prometheus_tsdb_head_chunks{job=~".+"})[$__range:])' });
    expect(r.panels.get('Samples appended')?.query).toContain('[$__interval]');
    const head = r.panels.get('Head memory')!;
    expect(head).toMatchObject({ unit: 'bytes', stack: true, fill: 0.5, thresholds: [{ value: 500_000 * 1024, severity: 'warning' }] });
    expect(head.query).toBe('(process_resident_memory_bytes{job=~".+"} / 1024) * 1024');
    expect(r.panels.get('Samples ingested / s')?.thresholds).toEqual([{ value: 1000, severity: 'warning' }, { value: 5000, severity: 'critical' }]);
    expect(r.panels.get('Notes')?.text).toMatch(/Read me .*self.* stats for All/);
    const scrapes = r.loaded.pages[1]!.panels;
    expect(scrapes.filter((p) => p.title?.startsWith('Scrape duration')).map((p) => p.title)).toEqual(['Scrape duration localhost', 'Scrape duration replica.b']);
    expect(r.panels.get('InfluxDB panel')?.text).toMatch(/datasource of type influx/);
    expect(r.summary).toContain('approximated: panel "Head memory": queries multiplied by 1024 to show unit bytes');
  });
});

describe('import: thresholds Grafana does not draw are not imported', () => {
  it('Grafana’s default steps on a timeseries (thresholdsStyle off), a stat with colorMode none, a singlestat without colours', async () => {
    const steps = { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] };
    const panel = (title: string, type: string, extra: Record<string, unknown>) => ({ title, type, targets: [{ expr: 'up', refId: 'A' }], gridPos: { x: 0, y: 0, w: 6, h: 4 }, ...extra });
    const r = await importDashboard(
      {
        title: 'T',
        panels: [
          panel('ts default', 'timeseries', { fieldConfig: { defaults: { thresholds: steps } } }),
          panel('ts shown', 'timeseries', { fieldConfig: { defaults: { thresholds: steps, custom: { thresholdsStyle: { mode: 'line+area' } } } } }),
          panel('stat plain', 'stat', { fieldConfig: { defaults: { thresholds: steps } }, options: { colorMode: 'none' } }),
          panel('stat coloured', 'stat', { fieldConfig: { defaults: { thresholds: steps } }, options: { colorMode: 'value' } }),
          panel('singlestat plain', 'singlestat', { thresholds: '50,80', colorValue: false }),
          panel('singlestat coloured', 'singlestat', { thresholds: '50,80', colorBackground: true }),
        ],
      },
      { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map() },
    );
    if (!r.ok) throw new Error(r.reason);
    const th = Object.fromEntries(r.board.pages.flatMap((p) => p.panels).map((p) => [p.title, p.thresholds?.length ?? 0]));
    expect(th).toEqual({ 'ts default': 0, 'ts shown': 1, 'stat plain': 0, 'stat coloured': 1, 'singlestat plain': 0, 'singlestat coloured': 2 });
  });
});

describe('import: library panels, long repeats, macros in variable queries', () => {
  it('draws a library panel from the export’s __elements model, where the reference sits', async () => {
    const r = await importDashboard(
      {
        title: 'L',
        __elements: { abc: { name: 'Shared CPU', kind: 1, model: { type: 'stat', title: 'Shared CPU', targets: [{ expr: 'avg(rate(node_cpu_seconds_total[5m]))' }], fieldConfig: { defaults: { unit: 'percentunit' } } } } },
        panels: [
          { gridPos: { x: 6, y: 0, w: 6, h: 4 }, id: 3, libraryPanel: { uid: 'abc', name: 'Shared CPU' }, title: 'CPU (shared)' },
          { gridPos: { x: 12, y: 0, w: 6, h: 4 }, id: 4, libraryPanel: { uid: 'missing', name: 'Gone' }, title: 'Gone' },
        ],
      },
      { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map() },
    );
    if (!r.ok) throw new Error(r.reason);
    const panels = r.board.pages[0]!.panels;
    expect(panels[0]).toMatchObject({ type: 'stat', title: 'CPU (shared)', unit: 'percentunit', query: 'avg(rate(node_cpu_seconds_total[5m]))', grid: { x: 6, y: 0, w: 6, h: 4 } });
    expect(panels[1]).toMatchObject({ type: 'text', title: 'Gone' });
    expect(r.notes.summary().join('\n')).toContain('skipped: panel "Gone": a library panel: its model is not in the export');
  });

  it('repeats at most 32 copies and says so', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `h${i}`).join(',');
    const r = await importDashboard(
      {
        title: 'R',
        templating: { list: [{ type: 'custom', name: 'h', query: many, multi: true, includeAll: true, current: { value: '$__all' } }] },
        panels: [{ type: 'stat', title: 'up $h', repeat: 'h', maxPerRow: 8, targets: [{ expr: 'up{h="$h"}' }], gridPos: { x: 0, y: 0, w: 3, h: 3 } }],
      },
      { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map() },
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.board.pages.flatMap((p) => p.panels)).toHaveLength(32);
    expect(r.notes.summary().join('\n')).toContain('approximated: panel "up All": repeat over $h: the first 32 of 40 values');
  });

  it('a variable query using $__range is sent with the board’s range', async () => {
    const q = 'topk(3, sum by (job) (increase(up[86400s])))';
    const client = fakeClient([], { [q]: [{ metric: { job: 'a' }, value: '1' }] });
    const r = await importDashboard(
      {
        title: 'M',
        time: { from: 'now-24h', to: 'now' },
        templating: { list: [{ type: 'query', name: 'job', query: 'query_result(topk(3, sum by (job) (increase(up[$__range]))))', regex: '/job="(.*)"/' }] },
        panels: [{ type: 'stat', title: 'x', targets: [{ expr: 'up{job="$job"}' }], gridPos: { x: 0, y: 0, w: 6, h: 3 } }],
      },
      { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map(), client },
    );
    if (!r.ok) throw new Error(r.reason);
    expect(client.calls).toEqual([`query(${q})`]);
    expect(r.board.pages[0]!.panels[0]!.query).toBe('up{job="a"}');
  });
});

describe('import never crashes and always yields a loadable board', () => {
  it('drops a bound or threshold that a unit factor takes past the largest number (the fuzz found max: Infinity)', async () => {
    const big = 1.7e308; // finite in Grafana's JSON, Infinity once gbytes' ×1024³ applies
    const r = await importDashboard(
      {
        title: 'huge',
        panels: [{ type: 'gauge', title: 'g', targets: [{ expr: 'up' }], gridPos: { x: 0, y: 0, w: 6, h: 4 },
          fieldConfig: { defaults: { unit: 'gbytes', min: 0, max: big, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: big / 2 }] } } } }],
      },
      { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map() },
    );
    if (!r.ok) throw new Error(r.reason);
    const panel = r.board.pages[0]!.panels[0]!;
    expect(panel.max).toBeUndefined();
    expect(panel.thresholds ?? []).toEqual([]);
    const check = parseBoardText(r.yaml, 'x.yaml', {});
    if (!check.ok) throw new Error(check.problems[0]?.message);
  });

  const anyJson = fc.jsonValue({ maxDepth: 4 });
  const panelish = fc.record(
    {
      type: fc.oneof(fc.constantFrom('graph', 'timeseries', 'stat', 'singlestat', 'gauge', 'bargauge', 'text', 'row', 'table', 'weird'), anyJson),
      title: fc.oneof(fc.string(), anyJson),
      gridPos: fc.oneof(fc.record({ x: fc.integer({ min: -5, max: 40 }), y: fc.integer({ min: -5, max: 200 }), w: fc.integer({ min: -2, max: 40 }), h: fc.integer({ min: -2, max: 60 }) }), anyJson),
      targets: fc.oneof(fc.array(fc.record({ expr: fc.oneof(fc.string(), anyJson), hide: anyJson, legendFormat: anyJson })), anyJson),
      fieldConfig: fc.oneof(fc.record({ defaults: fc.record({ unit: fc.oneof(fc.string(), anyJson), decimals: anyJson, min: anyJson, max: anyJson, thresholds: anyJson }) }), anyJson),
      repeat: anyJson,
      panels: anyJson,
      collapsed: anyJson,
      options: anyJson,
    },
    { requiredKeys: [] },
  );
  it('for random panels, rows and variables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ title: fc.oneof(fc.string(), anyJson), panels: fc.array(panelish, { maxLength: 8 }), templating: fc.oneof(anyJson, fc.record({ list: fc.array(fc.record({ type: fc.constantFrom('query', 'custom', 'interval', 'constant', 'textbox'), name: fc.stringMatching(/^[a-z]{1,5}$/), query: anyJson, current: anyJson })) })) }),
        async (d) => {
          const r = await importDashboard(d, { prometheusUrl: 'http://127.0.0.1:9090', vars: new Map() });
          if (!r.ok) throw new Error(r.reason);
          const check = parseBoardText(r.yaml, 'x.yaml', {});
          if (!check.ok) throw new Error(check.problems[0]?.message);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
