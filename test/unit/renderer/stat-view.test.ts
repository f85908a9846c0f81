import { describe, expect, it } from 'vitest';
import type { PanelSnapshot } from '../../../src/shared/api';
import { panel as panelSchema } from '../../../src/shared/config-schema';
import { statView } from '../../../src/renderer/panels/stat/stat-view';
import { PALETTES } from '../../../src/renderer/styles/palette';

const dark = PALETTES.dark;

function snap(values: [string, number | null][], extra: Partial<PanelSnapshot> = {}): PanelSnapshot {
  return { panelId: 'p', state: 'ok', dataAgeMs: 0, values: values.map(([name, value], i) => ({ key: `k${i}`, name, value, t: 0 })), ...extra };
}

describe('what a stat panel shows', () => {
  const latency = panelSchema.parse({ id: 'p', type: 'stat', query: 'q', unit: 'ms', thresholds: [{ value: 100, severity: 'warning' }, { value: 500, severity: 'critical' }] });

  it('shows the first value in its unit, coloured by the highest threshold it reached', () => {
    const v = statView(latency, snap([['api', 180]]), dark, undefined);
    expect(`${v.prefix}${v.number}${v.suffix}`).toBe('180 ms');
    expect(v.color).toBe(dark.severity.warning);
    expect(statView(latency, snap([['api', 20]]), dark, undefined).color).toBe(dark.ok);
    expect(statView(latency, snap([['api', 900]]), dark, undefined).color).toBe(dark.severity.critical);
  });

  it('names the first series and counts the others when the query returned several', () => {
    const v = statView(latency, snap([['api', 1], ['web', 2], ['db', 3]]), dark, undefined);
    expect(v.name).toEqual({ head: 'api', more: '+2 more' });
    expect(statView(latency, snap([['api', 1]]), dark, undefined).name).toBeUndefined();
  });

  it('shows the change against yesterday with its direction, and nothing without yesterday', () => {
    expect(statView(latency, snap([['api', 150]], { yesterday: 100 }), dark, undefined).change).toEqual({ up: true, arrow: '▲', text: '50.0%' });
    expect(statView(latency, snap([['api', 50]], { yesterday: 100 }), dark, undefined).change).toEqual({ up: false, arrow: '▼', text: '50.0%' });
    expect(statView(latency, snap([['api', 50]]), dark, undefined).change).toBeUndefined();
  });

  it('shows a dash, in the plain text colour, before the first value', () => {
    const plain = panelSchema.parse({ id: 'p', type: 'stat', query: 'q' });
    const v = statView(plain, undefined, dark, undefined);
    expect(v.number).toBe('–');
    expect(v.color).toBe(dark.fg);
  });

  it('shows a mapped value as its text (no unit) in its colour, over the threshold colour; an unmapped value as usual', () => {
    const up = panelSchema.parse({
      id: 'p', type: 'stat', query: 'up', unit: 'percent',
      thresholds: [{ value: 1, severity: 'critical' }], worse: 'below',
      mappings: [{ value: 1, text: 'UP', color: '#73bf69' }, { value: 0, text: 'DOWN' }, { special: 'null', text: 'N/A' }],
    });
    const v = statView(up, snap([['a', 1]]), dark, undefined);
    expect([v.prefix, v.number, v.suffix, v.color]).toEqual(['', 'UP', '', '#73bf69']);
    const down = statView(up, snap([['a', 0]]), dark, undefined);
    expect([down.number, down.suffix, down.color]).toEqual(['DOWN', '', dark.severity.critical]);
    expect(`${statView(up, snap([['a', 0.5]]), dark, undefined).number}${statView(up, snap([['a', 0.5]]), dark, undefined).suffix}`).toBe('0.50%');
    expect(statView(up, undefined, dark, undefined).number).toBe('N/A');
  });
});
