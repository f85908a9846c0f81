// Grafana value mappings → the board's `mappings`: new-style (value, range, regex, special), Grafana 7's
// ({type: 1|2}) and old singlestat valueMaps/rangeMaps by mappingType; what cannot match a Prometheus
// number is left out and said.
import { describe, expect, it } from 'vitest';
import { importFixture } from './import-fixture';

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
    expect(r.byTitle('Up over time').mappings).toEqual([{ value: 0, text: 'DOWN' }, { value: 1, text: 'UP' }]);
  });

  it('old singlestat: the list mappingType names (ranges here), "null" bounds as no value', async () => {
    const r = await run();
    expect(r.byTitle('Targets').mappings).toEqual([{ from: 1, to: 10, text: 'a few' }, { special: 'null', text: 'none' }]);
  });
});
