// The constructs found in community dashboards (Node Exporter Full, Prometheus 2.0 Stats, the
// Alertmanager and USE-method mixin dashboards), gathered in one fixture: each is imported as Grafana
// would show it, or said in the summary with what differs and why, and the board fits the wall.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_ROWS } from '../../../src/main/grafana/paginate';
import { resultText } from '../../../src/main/grafana/variable-values';
import { fakeClient } from './fake-client';
import { importJson } from './import-fixture';

const HOST = 'host-a:9100';
const SERIES = [
  { __name__: 'node_uname_info', job: 'node', instance: HOST },
  { __name__: 'node_uname_info', job: 'node', instance: 'host-b:9100' },
  ...['idle', 'user', 'system'].map((mode) => ({ __name__: 'node_cpu_seconds_total', instance: HOST, mode })),
];
const QUERIES = {
  [`count by (cpu) (node_cpu_seconds_total{instance="${HOST}",mode="idle"})`]: [
    { metric: { cpu: '1' }, value: '3', t: 1_700_000_000.5 },
    { metric: { cpu: '0' }, value: '3', t: 1_700_000_000.5 },
  ],
  // $__range in a variable query takes the dashboard's range (now-24h)
  [`max_over_time(node_load1{instance="${HOST}"}[86400s])`]: [{ metric: { __name__: 'node_load1', instance: HOST, job: 'node' }, value: '2.5', t: 1_700_000_000 }],
};

async function run(json: unknown = JSON.parse(readFileSync('test/fixtures/grafana/community-constructs.json', 'utf8'))) {
  return importJson(json, fakeClient(SERIES, QUERIES));
}

describe('import of the constructs community dashboards use', () => {
  it('resolves every variable form: label_values with selectors, query_result with timestamps, capture and named groups, All with a custom value, chained', async () => {
    const r = await run();
    expect(r.client.calls).toContain('labelValues(instance, node_uname_info{job="node"})');
    // $node took the first host; $host kept only the capture group
    expect(r.byTitle('CPU Busy').query).toBe(`100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle", instance="${HOST}"}[$__rate_interval])))`);
    // query_result rows read `name{a="b",c="d"} value ms`, so a regex on the value finds it
    expect(r.byTitle('Formats').text).toContain('window 2.5');
    // ${var:json}, ${var:queryparam} (All), ${var:raw}, ${var:text}
    expect(r.byTitle('Formats').text).toBe(`job "node", modes var-mode=All, raw ${HOST}, text ${HOST}, window 2.5`);
    const cpu = r.byTitle('CPU by mode All');
    // All with the custom all value ".+" in ${mode:regex} and ${mode:pipe}; $cpu All over the capture groups
    expect(cpu.query).toContain('mode=~".+"');
    expect(cpu.queries?.[0]?.query).toContain('mode=~".+",cpu=~"(0|1)"');
    // an auto interval variable, and $__auto_interval_NAME written directly, are Grafana's $__interval
    expect(cpu.queries?.[0]?.query).toContain('[$__interval]');
    expect(cpu.queries?.[1]?.query).toBe(`avg_over_time(node_load1{instance="${HOST}"}[$__interval])`);
    // a stat reducing to the mean over the range (not an instant query) asks Prometheus for that mean
    expect(r.byTitle('Load (mean over the range)').query).toBe(`avg_over_time((node_load1{instance="${HOST}",job="node"})[$__range:])`);
    // an instant query is one value: "lastNotNull" or any reduction leaves it as it is
    expect(r.byTitle('CPU Busy').query).not.toContain('_over_time((');
    // a custom variable whose one value is a regex stays verbatim
    // (a panel of a repeated row names its copy by the row's title: "Per CPU 0")
    expect(r.byTitle('Disk IO — Per CPU 0').query).toContain('device=~"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+"');
  });

  it('expands the repeated collapsed row per captured value and the repeated panel per named-group value', async () => {
    const r = await run();
    expect(r.all.filter((p) => /^CPU \d busy$/.test(p.title ?? '')).map((p) => p.title)).toEqual(['CPU 0 busy', 'CPU 1 busy']);
    expect(r.all.filter((p) => p.title?.startsWith('Load 1m on')).map((p) => p.query)).toEqual(
      ['idle', 'system', 'user'].map((m) => `sum(rate(node_cpu_seconds_total{instance="${HOST}",mode="${m}"}[$__rate_interval]))`),
    );
  });

  it('says what it left out and why, with the file and the panel title, and never drops a panel silently', async () => {
    const r = await run();
    expect(r.summary).toMatch(/^imported \d+ panels \(\d+ as they are, \d+ approximated\), skipped 4$/m);
    for (const line of [
      'skipped: dash.json: panel "Missing library panel": a library panel: its model is not in the export',
      'skipped: dash.json: panel "Logs": panel type logs: log panels need a log datasource',
      'skipped: dash.json: panel "Clock": panel type grafana-clock-panel: this panel type has no counterpart on the wall',
      'skipped: dash.json: panel "Build info": panel type table: tables are not drawn on the wall',
      'approximated: dash.json: panel "CPU by mode All": transformations skipped (organize, calculateField)',
      'approximated: dash.json: panel "Load (mean over the range)": the mean over the dashboard\'s range is taken in PromQL (avg_over_time of a $__range subquery',
      'approximated: dash.json: panel "Mixed": queries of type loki left out',
      'approximated: dash.json: panel "Up": a state timeline drawn as a line chart',
    ]) {
      expect(r.summary).toContain(line);
    }
    // its field overrides have counterparts, so they are applied, not named; its 100 % stacking is drawn as such
    expect(r.summary).not.toContain('override not applied: byRegexp');
    expect(r.byTitle('CPU by mode All')).toMatchObject({
      stack: 'percent',
      overrides: [{ match: '/.*idle.*/', negate: true, color: '#f2495c' }, { match: 'iowait', unit: 's' }],
    });
    // every skipped panel stands on the wall as a text panel saying so
    for (const title of ['Missing library panel', 'Logs', 'Clock', 'Build info']) expect(r.byTitle(title)).toMatchObject({ type: 'text', text: expect.stringMatching(/^\*\*Not imported:\*\*/) });
    // the library panel exported with its model is drawn from it, under the dashboard's title for it
    expect(r.byTitle('Uptime')).toMatchObject({ type: 'stat', unit: 's', query: `time() - node_boot_time_seconds{instance="${HOST}"}` });
  });

  it('fits every page on a 1920×1080 wall: no panel below the 24th grid row or past the 24th column', async () => {
    const r = await run();
    for (const page of r.board.pages) {
      for (const p of page.panels) {
        const g = p.grid!;
        expect(g.y + g.h, `${page.id}/${p.id}`).toBeLessThanOrEqual(PAGE_ROWS);
        expect(g.x + g.w, `${page.id}/${p.id}`).toBeLessThanOrEqual(24);
      }
    }
  });

  it('keeps a panel’s min interval: $__rate_interval under "5m" is 5m plus a scrape, as Grafana computes it', async () => {
    const r = await run({
      title: 'min interval',
      panels: [{ type: 'timeseries', title: 'Received', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ expr: 'rate(alertmanager_alerts_received_total[$__rate_interval]) * 60', interval: '5m', refId: 'A' }] }],
    });
    expect(r.byTitle('Received').query).toBe('rate(alertmanager_alerts_received_total[315s]) * 60');
  });

  it('keeps a series out of the stack exactly as Grafana does (old stack:false, new custom.stacking none), with its fill and colour', async () => {
    const parts = [{ expr: 'node_memory_MemTotal_bytes', legendFormat: 'RAM Total', refId: 'A' }, { expr: 'node_memory_MemFree_bytes', legendFormat: 'RAM Free', refId: 'B' }];
    const r = await run({
      title: 'stack exclusions',
      schemaVersion: 14,
      rows: [{ height: 250, panels: [
        // Node Exporter Full (schema 14): `{alias: "RAM Total", stack: false}`
        { type: 'graph', title: 'Memory Basic', span: 4, stack: true, seriesOverrides: [{ alias: 'RAM Total', color: '#E0F9D7', fill: 0, stack: false }], targets: parts },
        // its newer export: an override setting custom.stacking to none
        { type: 'graph', title: 'Memory Basic 7+', span: 4, fieldConfig: { defaults: { custom: { stacking: { mode: 'normal', group: 'A' } } }, overrides: [{ matcher: { id: 'byName', options: 'RAM Total' }, properties: [{ id: 'custom.stacking', value: { mode: 'none', group: 'A' } }] }] }, targets: parts },
        // a regex alias kept out of the stack; "CPU Basic" stacks as shares (old `percentage: true`)
        { type: 'graph', title: 'Memory Stack', span: 4, stack: true, percentage: true, seriesOverrides: [{ alias: 'RAM Free', color: 'rgba(224, 249, 215, 0.5)' }, { alias: '/.*Harware Corrupted - *./', stack: false }], targets: parts },
      ] }],
    });
    expect(r.byTitle('Memory Basic')).toMatchObject({ stack: true, overrides: [{ match: 'RAM Total', color: '#e0f9d7', fill: 0, stack: false }] });
    expect(r.byTitle('Memory Basic 7+')).toMatchObject({ stack: true, overrides: [{ match: 'RAM Total', stack: false }] });
    expect(r.byTitle('Memory Stack')).toMatchObject({ stack: 'percent', overrides: [{ match: 'RAM Free', color: '#e0f9d7' }, { match: '/.*Harware Corrupted - *./', stack: false }] });
    expect(r.summary).not.toMatch(/Memory (Basic|Stack)/);
  });

  it('writes query_result rows the way Grafana does (labels joined by commas, time in ms; a scalar alone)', () => {
    expect(resultText({ metric: { __name__: 'up', job: 'node', instance: 'a:1' }, value: '1', t: 1_700_000_000.123 })).toBe('up{job="node",instance="a:1"} 1 1700000000123');
    expect(resultText({ metric: {}, value: '42', t: 1, scalar: true })).toBe('42');
  });
});
