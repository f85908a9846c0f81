// Field overrides and old graph series overrides: what has a counterpart on the wall is applied
// (negative-Y, colour, rename, out of the stack, hidden, fill, legend unit/decimals, and the panel's
// own unit/decimals/min/max when an override covers every series); the rest is named with why.
import { describe, expect, it } from 'vitest';
import { grafanaColor } from '../../../src/main/grafana/colors';
import { importFixture } from './import-fixture';

const run = () => importFixture('test/fixtures/grafana/series-overrides.json');

describe('series and field overrides', () => {
  it('old graph seriesOverrides: negative-Y, hidden, colour and stack by alias; the rest named', async () => {
    const r = await run();
    expect(r.byTitle('Network Traffic').overrides).toEqual([
      { match: '/.*Trans.*/', negate: true },
      { match: 'lo - Receive', hide: true },
      { match: '/.*Receive/', color: '#7eb26d', axis: 'right' },
    ]);
    // yaxis: 2 puts the series on the right axis, which takes the graph's second y axis' unit
    expect(r.byTitle('Network Traffic').rightAxis).toEqual({ unit: 'short' });
    expect(r.summary).not.toContain('"/.*Receive/"');
    expect(r.summary).toContain('panel "Network Traffic": override not applied: series "eth0 - Transmit": hidden from the legend only');
    expect(r.summary).toContain('panel "Network Traffic": override not applied: series "eth0 - Receive": transform constant has no counterpart');
    // cosmetic ones (line width, z-index) are not worth a line
    expect(r.summary).not.toMatch(/linewidth|zindex/);
  });

  it('new field overrides matched byRegexp (anchored when bare), byName, byFrameRefID and byNames', async () => {
    const r = await run();
    const p = r.byTitle('Network Traffic 7+');
    expect(p.stack).toBe(true);
    expect(p.overrides).toEqual([
      { match: '/^(?:.*Trans.*)$/', negate: true },
      { match: 'lo - Receive', hide: true },
      { query: 0, color: '#56a64b' },
      { match: 'eth0 - Receive', name: 'Uplink in', stack: false, fill: 0 },
      { query: 1, unit: 'Bps', decimals: 1 },
      { match: 'eth1 - Receive', color: '#1f60c4' },
      // a byName that looks like a regex is still an exact name
      { match: '/^\\/odd\\/$/', color: '#1f60c4' },
      { match: 'x', axis: 'right' },
    ]);
    const lines = r.summary.split('\n').filter((l) => l.includes('"Network Traffic 7+"')).map((l) => l.trim());
    expect(lines).toEqual([
      'approximated: o.json: panel "Network Traffic 7+": override not applied: byFrameRefID "B": min of some series: the left axis\' range is the panel\'s (series on the right axis take theirs)',
      'approximated: o.json: panel "Network Traffic 7+": override not applied: byName "x": hidden from the legend only: the wall lists every drawn series',
      'approximated: o.json: panel "Network Traffic 7+": override not applied: byName "y": a templated display name is not resolved, unit MBs for some series: their values would need rescaling, colour palette-classic has no fixed value',
      'approximated: o.json: panel "Network Traffic 7+": override not applied: byValue "…": matcher byValue has no counterpart (series are matched by name or query)',
      'approximated: o.json: panel "Network Traffic 7+": override not applied: byNames "…": an "exclude" name list has no counterpart',
    ]);
  });

  it('an override of every series (byType number, or the only query) sets the panel’s own unit, decimals, min and max', async () => {
    const r = await run();
    expect(r.byTitle('Disk used')).toMatchObject({ type: 'stat', unit: 'percent', decimals: 2, min: 0, max: 100 });
    expect(r.summary).toContain('panel "Disk used": override not applied: byFrameRefID "A": series styles: a single value has none');
    expect(r.byTitle('Load')).toMatchObject({ min: 0, max: 10, decimals: 1 });
    expect(r.byTitle('Load').overrides).toBeUndefined();
    expect(r.summary).toContain('panel "Load": override not applied: byRegexp "/load.*/i": max of some series: the left axis\' range is the panel\'s (series on the right axis take theirs)');
    // a prefixed unit rescales the query, and the bounds with it; a name match on a gauge is not its one value
    const mem = r.byTitle('Memory');
    expect(mem).toMatchObject({ type: 'gauge', unit: 'bytes', query: '(node_memory_MemTotal_bytes / 1024) * 1024', max: 2048 * 1024 });
    expect(r.summary).toContain('panel "Memory": override not applied: byName "Used": unit: a gauge shows one series');
  });

  it('reads Grafana colours: its named palette, hex with or without alpha, rgb() and rgba()', () => {
    expect(['red', 'dark-red', 'super-light-blue', 'semi-dark-purple', '#7EB26D', '#abc', '#7EB26D80', 'rgba(237, 129, 40, 0.89)', 'white'].map(grafanaColor)).toEqual([
      '#f2495c', '#c4162a', '#c0d8ff', '#a352cc', '#7eb26d', '#aabbcc', '#7eb26d', '#ed8128', '#ffffff',
    ]);
    expect(['transparent', 'text', 'palette-classic', 'valueOf'].map(grafanaColor)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
