// Grafana value mappings → the board's `mappings`: new-style (value, range, regex, special), Grafana 7's
// ({type: 1|2}) and old singlestat valueMaps/rangeMaps by mappingType; what cannot match a Prometheus
// number is left out and said.
import { describe, expect, it } from 'vitest';
import { importFixture, importJson } from './import-fixture';

const run = () => importFixture('test/fixtures/grafana/mappings-axes-bars.json');

describe('value mappings', () => {
  it('new-style value and special mappings keep their text and colour, in list order', async () => {
    const r = await run();
    expect(r.byTitle('Node exporter').mappings).toEqual([
      { value: 0, text: 'DOWN', color: '#f2495c' },
      { value: 1, text: 'UP', color: '#73bf69' },
      { special: 'null', text: 'N/A' },
    ]);
    // the thresholds still give the panel its state
    expect(r.byTitle('Node exporter').thresholds).toEqual([{ value: 0.9999999999999999, severity: 'critical' }]);
    expect(r.summary).toContain('panel "Node exporter": special mapping "true" left out: a Prometheus value is never true');
  });

  it('regex, range and Grafana 7 mappings; bad ones are left out with why', async () => {
    const r = await run();
    expect(r.byTitle('Node up share').mappings).toEqual([{ regex: '100', text: 'all up', color: '#00ff00' }]);
    expect(r.summary).toContain('panel "Node up share": regex mapping "(" left out: not a valid regular expression');
    expect(r.summary).toContain('panel "Node up share": range mapping 50..10 left out: it matches nothing');
    expect(r.summary).toContain('panel "Node up share": value mapping "up" left out: a Prometheus value is a number');
    expect(r.byTitle('Scrapers').mappings).toEqual([{ from: 1, to: 99, text: 'running' }, { value: 0, text: 'none' }]);
    expect(r.byTitle('Up over time').mappings).toEqual([{ value: 0, text: 'DOWN' }, { value: 1, text: 'UP', color: '#73bf69' }]);
  });

  it("an override's mappings replace the panel's where it covers every series (a stat's query A); of some series they are named", async () => {
    const r = await run();
    expect(r.byTitle('Probe OK').mappings).toEqual([{ value: 0, text: 'NO' }, { value: 1, text: 'OK' }]);
    expect(r.summary).toContain(`panel "Up over time": override not applied: byName "node": value mappings of some series: the panel's apply to every series`);
  });

  it('old singlestat: the list mappingType names (ranges here), "null" bounds as no value', async () => {
    const r = await run();
    expect(r.byTitle('Targets').mappings).toEqual([{ from: 1, to: 10, text: 'a few' }, { special: 'null', text: 'none' }]);
  });
});

describe('bars and a second y axis', () => {
  it('new-style drawStyle bars (stacked) and an axisPlacement right override with its unit, min and max', async () => {
    const r = await run();
    expect(r.byTitle('Memory bars')).toMatchObject({ draw: 'bars', stack: true, fill: 1 });
    const two = r.byTitle('Memory used and free share');
    expect(two.draw).toBeUndefined();
    expect(two.overrides).toEqual([{ match: 'used', color: '#ff0000' }, { match: 'free share', axis: 'right', color: '#0000ff' }]);
    expect(two.rightAxis).toEqual({ unit: 'percent', min: 0, max: 100 });
    expect(r.summary).not.toMatch(/"Memory (bars|used and free share)"/);
  });

  it('old graph: bars: true, a series on yaxis 2 drawn as a line, the second y axis from yaxes[1]', async () => {
    const r = await run();
    const old = r.byTitle('Old graph: bars and a right axis');
    expect(old).toMatchObject({ draw: 'bars', unit: 'bytes', min: 0, fill: 1 });
    expect(old.overrides).toEqual([{ match: 'free share', axis: 'right', draw: 'line', fill: 0, color: '#0000ff' }, { match: 'used', color: '#ff0000' }]);
    expect(old.rightAxis).toEqual({ unit: 'percent', min: 0, max: 100 });
    expect(r.summary).not.toContain('"Old graph: bars and a right axis"');
  });
});

describe('points', () => {
  it('new-style drawStyle points and old graph points without lines draw points; an override back to line is kept', async () => {
    const r = await run();
    const pts = r.byTitle('Up as points');
    expect(pts).toMatchObject({ draw: 'points', fill: 0 });
    expect(pts.overrides).toEqual([{ match: 'node', color: '#ff0000' }, { match: 'prometheus', draw: 'line', color: '#0000ff' }]);
    expect(r.byTitle('Old graph: points')).toMatchObject({ draw: 'points' });
  });

  it('a hidden y axis: custom.axisPlacement hidden on the panel, an old graph yaxes[0].show false; not on other panels', async () => {
    const r = await run();
    expect(r.byTitle('Up as points').hideAxes).toEqual(['left']);
    expect(r.byTitle('Old graph: points').hideAxes).toEqual(['left']);
    expect(r.byTitle('Old graph: bars and a right axis').hideAxes).toBeUndefined();
    expect(r.byTitle('Memory used and free share').hideAxes).toBeUndefined();
  });

  it("an override hiding some series' axis is named: they are read against the drawn left axis", async () => {
    const r = await importJson({
      panels: [{
        type: 'timeseries', title: 'Some hidden', datasource: { type: 'prometheus', uid: 'p' }, gridPos: { x: 0, y: 0, w: 12, h: 7 },
        fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byName', options: 'b' }, properties: [{ id: 'custom.axisPlacement', value: 'hidden' }] }] },
        targets: [{ expr: 'up', refId: 'A', legendFormat: 'a' }, { expr: 'up', refId: 'B', legendFormat: 'b' }],
      }],
    });
    expect(r.byTitle('Some hidden').hideAxes).toBeUndefined();
    expect(r.summary).toMatch(/"Some hidden".*its axis hidden: read against the left axis/);
    expect(r.summary).not.toMatch(/"(Up as points|Old graph: points)"/);
    expect(r.summary).not.toMatch(/points drawn as lines/);
  });
});
