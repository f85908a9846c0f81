// Constructs met in community dashboards taken as found (exporters' own dashboards, mixins, grafana.com
// exports of several Grafana versions), each in a small dashboard written here: the import must read them
// as Grafana does, or say in the summary what differs, naming the file and the panel.
import { describe, expect, it } from 'vitest';
import { fakeClient, type FakeSeries } from './fake-client';
import { importJson } from './import-fixture';

const run = (dashboard: unknown, series: FakeSeries[] = []) => importJson(dashboard, fakeClient(series, {}));

const graph = (title: string, datasource: unknown, expr: string, y = 0) => ({
  type: 'graph',
  title,
  datasource,
  gridPos: { x: 0, y, w: 12, h: 7 },
  targets: [{ expr, refId: 'A', legendFormat: '{{instance}}' }],
});

describe('datasources named by the dashboard', () => {
  it('a Prometheus datasource whose name says "Postgres" is Prometheus when a datasource variable of type prometheus has it as its choice', async () => {
    // as in postgres_exporter's mixin dashboard: every panel and variable reads "Postgres Overview",
    // and the dashboard's `datasource` variable (query: prometheus) has that name as its saved choice
    const d = {
      title: 'PG',
      panels: [graph('Connections', 'Postgres Overview', 'pg_stat_database_numbackends{instance=~"$instance"}')],
      templating: {
        list: [
          { type: 'query', name: 'instance', datasource: 'Postgres Overview', query: 'label_values(up{job=~"postgres.*"},instance)', current: { text: 'old:1', value: 'old:1' } },
          { type: 'datasource', name: 'datasource', query: 'prometheus', current: { text: 'Postgres Overview', value: 'Postgres Overview' } },
        ],
      },
    };
    const r = await run(d, [{ __name__: 'up', job: 'postgres', instance: 'db-1:9187' }]);
    expect(r.byTitle('Connections')).toMatchObject({ type: 'timeseries', query: 'pg_stat_database_numbackends{instance=~"db-1:9187"}' });
    expect(r.client.calls).toContain('labelValues(instance, up{job=~"postgres.*"})');
    expect(r.summary).not.toMatch(/not Prometheus|type postgres/);
  });

  it('an export input labelled with a name is that input plugin, and a name nothing states is still guessed from its text', async () => {
    const d = {
      __inputs: [{ name: 'DS_MAIN', label: 'Loki main', type: 'datasource', pluginId: 'prometheus' }],
      title: 'Inputs',
      panels: [graph('By label', 'Loki main', 'up', 0), graph('Guessed', 'InfluxDB', 'up', 7)],
    };
    const r = await run(d);
    expect(r.byTitle('By label')).toMatchObject({ type: 'timeseries', query: 'up' });
    expect(r.byTitle('Guessed').type).toBe('text');
    expect(r.summary).toContain('skipped: dash.json: panel "Guessed": it reads a datasource of type influx');
  });
});

describe('repeats that cannot repeat', () => {
  it('a panel repeated over a variable Prometheus offers no values for is shown once, and the summary names that panel and counts it approximated', async () => {
    // as in the NGINX exporter's dashboard: a singlestat repeated over an includeAll, multi `instance`
    const d = {
      title: 'N',
      panels: [
        { type: 'singlestat', title: 'Status for $instance', repeat: 'instance', gridPos: { x: 0, y: 0, w: 12, h: 3 }, targets: [{ expr: 'nginx_up{instance=~"$instance"}', refId: 'A' }] },
        { type: 'row', title: 'Rows', repeat: 'instance', collapsed: true, gridPos: { x: 0, y: 3, w: 24, h: 1 }, panels: [graph('Inside', null, 'up', 4)] },
      ],
      templating: { list: [{ type: 'query', name: 'instance', query: 'label_values(nginx_up, instance)', includeAll: true, multi: true, current: {} }] },
    };
    const r = await run(d, [{ __name__: 'up', instance: 'a:1' }]);
    expect(r.byTitle('Status for All')).toMatchObject({ type: 'stat', query: 'nginx_up{instance=~".*"}' });
    expect(r.summary).toContain('approximated: dash.json: panel "Status for All": repeat over $instance: the variable has no values: shown once, not repeated (give it some with --var instance=VALUE)');
    expect(r.summary).toContain('approximated: dash.json: row "Rows": repeat over $instance');
    expect(r.summary).not.toContain('pass --prometheus');
    expect(r.summary.split('\n')[0]).toBe('imported 2 panels (1 as they are, 1 approximated), skipped 0');
  });
});

describe('old graphs whose x axis is not time', () => {
  it('a graph in series mode (one bar per series, as the Kafka exporter dashboard draws partitions per topic) is drawn as lines over time and said, not as bars over time', async () => {
    const bars = (title: string, mode: string, y: number) => ({
      ...graph(title, null, 'sum by (topic) (kafka_topic_partitions)', y),
      bars: true,
      lines: false,
      xaxis: { mode, show: false, values: ['current'] },
    });
    const r = await run({ title: 'K', panels: [bars('Partitions per Topic', 'series', 0), bars('Spread', 'histogram', 7), bars('Over time', 'time', 14)] });
    expect(r.byTitle('Partitions per Topic')).toMatchObject({ type: 'timeseries', query: 'sum by (topic) (kafka_topic_partitions)' });
    expect(r.byTitle('Partitions per Topic')).not.toHaveProperty('draw');
    expect(r.byTitle('Spread')).not.toHaveProperty('draw');
    expect(r.byTitle('Over time')).toMatchObject({ draw: 'bars' });
    expect(r.summary).toContain("approximated: dash.json: panel \"Partitions per Topic\": x axis by series (one bar per series' current): drawn as lines over time");
    expect(r.summary).toContain('approximated: dash.json: panel "Spread": x axis as a histogram of the values: drawn as the values over time');
  });
});

describe('untitled text panels', () => {
  it('are told apart in the summary by their Grafana id, only the approximated one counts as approximated, and HTML reads as plain lines', async () => {
    // as in Grafana's bundled "Prometheus Stats": an HTML logo panel and three markdown notes, all untitled
    const text = (id: number, mode: string, content: string, y: number) => ({ id, type: 'text', title: '', mode, content, gridPos: { x: 0, y, w: 6, h: 4 } });
    const html = '<img src="logo.svg">\n<span style="font-size: 25px;">Prometheus</span>\n\n<p style="margin-top: 10px;">\n    You&#39;re using Prometheus &amp; <a href="https://grafana.com/">Grafana</a>.</p>';
    const r = await run({ title: 'T', panels: [text(9, 'html', html, 0), text(8, 'markdown', '#### Samples', 4), text(11, 'markdown', '#### Scrapes', 8)] });
    expect(r.summary.split('\n')[0]).toBe('imported 3 panels (2 as they are, 1 approximated), skipped 0');
    expect(r.summary).toContain('approximated: dash.json: untitled panel (id 9): HTML shown as plain text');
    const shown = r.all.find((p) => p.type === 'text' && p.text?.includes('Prometheus') === true);
    expect(shown).toMatchObject({ text: "Prometheus\n\nYou're using Prometheus & Grafana ." });
  });
});

describe('stat panels showing names or a text for no data', () => {
  it('a stat in text mode "name" (the Prometheus version from {{ version }}) is said, since the wall shows the value 1', async () => {
    const stat = (title: string, textMode: string, y: number) => ({
      type: 'stat',
      title,
      gridPos: { x: 0, y, w: 6, h: 4 },
      options: { textMode, reduceOptions: { calcs: ['last'] } },
      targets: [{ expr: 'prometheus_build_info', legendFormat: '{{ version }}', instant: true, refId: 'A' }],
    });
    const down = { ...stat('Instance Down', 'value', 8), fieldConfig: { defaults: { noValue: '0' } } };
    const r = await run({ title: 'S', panels: [stat('Prometheus version', 'name', 0), stat('Builds', 'value', 4), down] });
    expect(r.summary).toContain('approximated: dash.json: panel "Prometheus version": text mode "name": Grafana shows the series\' name (its legend), the wall shows its value');
    expect(r.summary).not.toContain('panel "Builds"');
    // Grafana's "No value" text (dotdc's "Instance Down" shows 0 when no instance is down) is said too
    expect(r.summary).toContain('approximated: dash.json: panel "Instance Down": no data is shown as "No data", not as "0"');
  });
});
