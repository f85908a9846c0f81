import { describe, expect, it } from 'vitest';
import { Notes } from '../../../src/main/grafana/notes';
import { applyRegex, parseRegex, sortValues, splitCustom } from '../../../src/main/grafana/variable-values';
import { QueryRejected, resolveVariables } from '../../../src/main/grafana/variables';
import { fakeClient } from './fake-client';

const SERIES = [
  { __name__: 'node_uname_info', job: 'node', instance: 'a:9100' },
  { __name__: 'node_uname_info', job: 'node', instance: 'b:9100' },
  { __name__: 'node_uname_info', job: 'other', instance: 'c:9100' },
  { __name__: 'up', job: 'prom', instance: 'p:9090' },
];

async function resolve(list: unknown[], opts: { client?: ReturnType<typeof fakeClient>; vars?: Record<string, string[]> } = {}) {
  const notes = new Notes();
  const vars = await resolveVariables({ list, ...(opts.client ? { client: opts.client } : {}), overrides: new Map(Object.entries(opts.vars ?? {})), notes });
  return { vars, notes, sel: (n: string) => vars.get(n)?.selection };
}

describe('template variables', () => {
  it('label_values(metric, label) and label_values(label) ask Prometheus; chained variables see the ones before', async () => {
    const client = fakeClient(SERIES);
    const { sel, vars } = await resolve(
      [
        { type: 'query', name: 'job', query: { query: 'label_values(node_uname_info, job)', refId: 'x' }, current: { value: 'node' } },
        { type: 'query', name: 'node', query: 'label_values(node_uname_info{job="$job"}, instance)', current: { value: 'gone:9100' } },
        { type: 'query', name: 'anyjob', query: 'label_values(job)' },
      ],
      { client },
    );
    expect(sel('job')?.values).toEqual(['node']);
    // the saved value is no longer offered: the first one is taken
    expect(vars.get('node')?.options).toEqual(['a:9100', 'b:9100']);
    expect(sel('node')?.values).toEqual(['a:9100']);
    expect(vars.get('anyjob')?.options).toEqual(['node', 'other', 'prom']);
    expect(client.calls).toEqual(['labelValues(job, node_uname_info)', 'labelValues(instance, node_uname_info{job="node"})', 'labelValues(job)']);
  });

  it('with no saved value still offered, an includeAll variable takes All (Grafana lists All first), as Blackbox 13659 expects', async () => {
    const client = fakeClient(SERIES);
    const { sel } = await resolve(
      [
        { type: 'query', name: 'job', query: 'label_values(node_uname_info, job)', includeAll: true, allValue: '.+', current: {} },
        { type: 'query', name: 'instance', query: 'label_values(node_uname_info{job=~"$job"}, instance)', includeAll: true, sort: 2, current: { value: 'gone:9100' } },
        { type: 'query', name: 'one', query: 'label_values(node_uname_info, instance)', sort: 2, current: {} },
      ],
      { client },
    );
    expect(sel('job')).toMatchObject({ all: true, allValue: '.+', values: ['node', 'other'] });
    expect(sel('instance')).toMatchObject({ all: true, values: ['c:9100', 'b:9100', 'a:9100'] });
    // without All among the options, the first option (after the sort) is taken
    expect(sel('one')).toMatchObject({ all: false, values: ['c:9100'] });
  });

  it('query_result with a capture-group regex, numeric sort, All selected', async () => {
    const client = fakeClient([], {
      'count by (cpu) (node_cpu_seconds_total)': [
        { metric: { cpu: '10' }, value: '8' },
        { metric: { cpu: '2' }, value: '8' },
        { metric: { cpu: '0' }, value: '8' },
      ],
    });
    const { sel } = await resolve(
      [{ type: 'query', name: 'cpu', query: 'query_result(count by (cpu) (node_cpu_seconds_total))', regex: '/cpu="(\\d+)"/', sort: 3, includeAll: true, multi: true, current: { value: ['$__all'] } }],
      { client },
    );
    expect(sel('cpu')).toEqual({ values: ['0', '2', '10'], all: true, regex: true });
  });

  it('custom, constant, interval, textbox and datasource variables', async () => {
    const { sel, vars } = await resolve([
      { type: 'custom', name: 'env', query: 'prod : production, staging, a\\,b', current: { value: 'staging' } },
      { type: 'constant', name: 'k', query: '42' },
      { type: 'interval', name: 'iv', query: '1m,5m,1h', current: { value: '$__auto_interval_iv' } },
      { type: 'textbox', name: 'tb', query: 'default', current: { value: 'typed' } },
      { type: 'datasource', name: 'ds', query: 'prometheus', current: { text: 'Prom', value: 'P123' } },
    ]);
    expect(vars.get('env')?.options).toEqual(['production', 'staging', 'a,b']);
    expect(sel('env')?.values).toEqual(['staging']);
    expect(sel('k')?.values).toEqual(['42']);
    expect(sel('iv')?.values).toEqual(['$__interval']);
    expect(sel('tb')?.values).toEqual(['typed']);
    expect(vars.get('ds')?.plugin).toBe('prometheus');
  });

  it('--var overrides, with several values and All', async () => {
    const client = fakeClient(SERIES);
    const list = [{ type: 'query', name: 'node', query: 'label_values(node_uname_info, instance)', multi: true, includeAll: true }];
    expect((await resolve(list, { client, vars: { node: ['b:9100', 'c:9100'] } })).sel('node')?.values).toEqual(['b:9100', 'c:9100']);
    expect((await resolve(list, { client, vars: { node: ['All'] } })).sel('node')).toMatchObject({ all: true, values: ['a:9100', 'b:9100', 'c:9100'] });
    await expect(resolve(list, { client, vars: { nosuch: ['x'] } })).rejects.toThrow(/no variable "nosuch"/);
  });

  it('without --prometheus the saved value is used and the summary says so', async () => {
    const { sel, notes } = await resolve([{ type: 'query', name: 'job', query: 'label_values(up, job)', current: { value: 'saved' } }]);
    expect(sel('job')?.values).toEqual(['saved']);
    expect(notes.approximations.map((n) => n.detail).join()).toMatch(/no --prometheus/);
  });

  it('a Prometheus error names the variable', async () => {
    const client = fakeClient([]);
    await expect(resolve([{ type: 'query', name: 'x', query: 'query_result(bad)' }], { client })).rejects.toThrow(/^variable \$x: bad_data/);
  });

  it('helpers: custom splitting, regexes, sorting', () => {
    expect(splitCustom('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(applyRegex(['host-1.example', 'db'], parseRegex('/(.*)\\.example/'))).toEqual(['host-1']);
    expect(applyRegex(['x=1', 'y=2'], parseRegex('/(?<text>\\w)=(?<value>\\d)/'))).toEqual(['1', '2']);
    expect(sortValues(['b', 'a', 'C'], 2)).toEqual(['b', 'a', 'C']);
    expect(sortValues(['b', 'a', 'C'], 5)).toEqual(['a', 'b', 'C']);
    expect(sortValues(['10', '9', '100'], 4)).toEqual(['100', '10', '9']);
  });
});

describe('variable queries as real exports write them', () => {
  const notes = () => new Notes();
  it('reads the Grafana 10+ query editor fields when `query` is empty: label values with filters, label names, metrics, query_result', async () => {
    const client = fakeClient([{ __name__: 'up', job: 'node', instance: 'a:1' }, { __name__: 'up', job: 'prom', instance: 'b:2' }], { 'count(up)': [{ metric: {}, value: '2', t: 1 }] });
    const vars = await resolveVariables({
      list: [
        { type: 'query', name: 'inst', query: { qryType: 1, label: 'instance', metric: 'up', labelFilters: [{ label: 'job', op: '=', value: 'node' }], query: '', refId: 'PrometheusVariableQueryEditor-VariableQuery' } },
        { type: 'query', name: 'labels', query: { qryType: 0, metric: 'up', refId: 'x' } },
        { type: 'query', name: 'm', query: { qryType: 2, metric: 'u.*', refId: 'x' } },
        { type: 'query', name: 'n', query: { qryType: 3, varQuery: 'count(up)', refId: 'x' }, regex: '/\\} (\\d+)/' },
      ],
      client,
      overrides: new Map(),
      notes: notes(),
    });
    expect(client.calls.slice(0, 2)).toEqual(['labelValues(instance, up{job="node"})', 'labelNames(up)']);
    expect(vars.get('inst')?.selection.values).toEqual(['a:1']);
    expect(vars.get('m')?.options).toEqual(['up']);
    expect(vars.get('n')?.selection.values).toEqual(['2']);
  });

  it('keeps the saved value, with a note, when Prometheus rejects one variable query or the variable reads another datasource', async () => {
    const client = fakeClient([]);
    client.query = () => Promise.reject(new QueryRejected('Prometheus rejected the query: HTTP 400: bad_data'));
    const n = notes();
    const vars = await resolveVariables({
      list: [
        { type: 'query', name: 'broken', query: 'query_result(sum(', current: { value: 'kept' }, options: [{ value: 'kept' }] },
        { type: 'query', name: 'stream', datasource: { type: 'loki', uid: 'L' }, query: 'label_values({job="varlogs"}, filename)', current: { value: '/var/log/syslog' } },
        { type: 'query', name: 'fromInput', datasource: '${DS_LOKI}', query: 'label_values(app)', current: { value: 'web' } },
      ],
      client,
      overrides: new Map(),
      notes: n,
    });
    expect(vars.get('broken')?.selection.values).toEqual(['kept']);
    expect(vars.get('stream')?.selection.values).toEqual(['/var/log/syslog']);
    expect(vars.get('fromInput')?.selection.values).toEqual(['web']);
    expect(client.calls).toEqual([]);
    const text = n.summary().join('\n');
    expect(text).toContain('variable $broken: Prometheus rejected the query: HTTP 400: bad_data; its saved value is used');
    expect(text).toContain('variable $stream: reads a datasource that is not Prometheus: its saved value is used');
  });
});
