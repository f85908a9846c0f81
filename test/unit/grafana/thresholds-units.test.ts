import { describe, expect, it } from 'vitest';
import { colorClass, justBelow, mapGraphThresholds, mapSinglestat, mapSteps } from '../../../src/main/grafana/thresholds';
import { crossedSeverity } from '../../../src/shared/threshold-severity';
import { mapUnit } from '../../../src/main/grafana/units';

describe('threshold colours → severities', () => {
  it('classifies Grafana named, hex and rgba colours', () => {
    expect(['red', 'dark-red', '#d44a3a', 'rgba(245, 54, 54, 0.9)', '#F2495C'].map(colorClass)).toEqual(['red', 'red', 'red', 'red', 'red']);
    expect(['orange', 'rgba(237, 129, 40, 0.89)', '#EF843C'].map(colorClass)).toEqual(['orange', 'orange', 'orange']);
    expect(['yellow', '#EAB839', '#FADE2A'].map(colorClass)).toEqual(['yellow', 'yellow', 'yellow']);
    expect(['green', 'semi-dark-green', '#299c46', 'rgba(50, 172, 45, 0.97)', '#7EB26D'].map(colorClass)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(['blue', 'purple', '#1F78C1'].map(colorClass)).toEqual(['info', 'info', 'info']);
    expect(['text', 'transparent', '#808080'].map(colorClass)).toEqual(['unknown', 'unknown', 'unknown']);
    // the forms the importer's colour parser reads were 'unknown' here before: alpha hex, decimal rgb(), white
    expect(['#F2495CFF', 'rgb(245.5, 54.2, 54)', '#73BF6980', 'white', 'black'].map(colorClass)).toEqual(['red', 'red', 'ok', 'unknown', 'unknown']);
  });

  it('steps: green base, orange and red above', () => {
    const r = mapSteps([{ color: 'red', value: 95 }, { color: 'green', value: null }, { color: 'orange', value: 80 }], 'absolute', undefined, undefined);
    expect(r.thresholds).toEqual([{ value: 80, severity: 'warning' }, { value: 95, severity: 'critical' }]);
  });

  it('yellow, orange and red make warning, high and critical', () => {
    const r = mapSteps([{ color: 'green', value: null }, { color: 'yellow', value: 1 }, { color: 'orange', value: 2 }, { color: 'red', value: 3 }], undefined, undefined, undefined);
    expect(r.thresholds.map((t) => t.severity)).toEqual(['warning', 'high', 'critical']);
  });

  it('percentage steps are taken of min..max', () => {
    expect(mapSteps([{ color: 'green', value: null }, { color: 'red', value: 50 }], 'percentage', 0, 400).thresholds).toEqual([{ value: 200, severity: 'critical' }]);
    expect(mapSteps([{ color: 'green', value: null }, { color: 'red', value: 50 }], 'percentage', undefined, undefined).approximation).toMatch(/0\.\.100/);
  });

  it('steps that turn green going up (a success rate) become thresholds where lower is worse', () => {
    const r = mapSteps([{ color: 'red', value: null }, { color: 'orange', value: 90 }, { color: 'green', value: 97 }], 'absolute', undefined, undefined);
    // Grafana's colour holds from a step's value up: 90 is already orange, 97 green
    expect(r).toEqual({ worse: 'below', thresholds: [{ value: justBelow(90), severity: 'critical' }, { value: justBelow(97), severity: 'warning' }] });
    expect(crossedSeverity(89.9, r.thresholds, r.worse)).toBe('critical');
    expect(crossedSeverity(90, r.thresholds, r.worse)).toBe('warning');
    expect(crossedSeverity(97, r.thresholds, r.worse)).toBeUndefined();
    // the UP/DOWN stat: red below 1, green from 1
    const up = mapSteps([{ color: 'red', value: null }, { color: 'green', value: 1 }], 'absolute', undefined, undefined);
    expect([crossedSeverity(1, up.thresholds, up.worse), crossedSeverity(0, up.thresholds, up.worse)]).toEqual([undefined, 'critical']);
    expect([justBelow(1), justBelow(0) < 0, justBelow(-2) < -2]).toEqual([0.9999999999999999, true, true]);
  });

  it('singlestat "80,90" with its three colours, and old graph threshold lines', () => {
    expect(mapSinglestat('80, 90', ['#299c46', 'rgba(237, 129, 40, 0.89)', '#d44a3a']).thresholds).toEqual([
      { value: 80, severity: 'warning' },
      { value: 90, severity: 'critical' },
    ]);
    expect(mapSinglestat('', undefined).thresholds).toEqual([]);
    const g = mapGraphThresholds([{ value: 5, colorMode: 'warning', op: 'gt' }, { value: 9, colorMode: 'critical', op: 'gt' }, { value: 1, colorMode: 'critical', op: 'lt' }, { value: 3, colorMode: 'ok', op: 'gt' }]);
    expect(g.thresholds).toEqual([{ value: 5, severity: 'warning' }, { value: 9, severity: 'critical' }]);
    expect(g.approximation).toMatch(/below which values are bad/);
    expect(mapGraphThresholds([{ value: 1, colorMode: 'critical', op: 'lt' }])).toEqual({ worse: 'below', thresholds: [{ value: 1, severity: 'critical' }] });
  });
});

describe('Grafana unit ids', () => {
  it('maps the common ids directly', () => {
    const ids = ['bytes', 'decbytes', 'bps', 'Bps', 'percent', 'percentunit', 's', 'ms', 'ns', 'µs', 'ops', 'reqps', 'celsius', 'currencyUSD', 'currencyEUR', 'short', 'none'];
    expect(ids.map((id) => mapUnit(id).unit)).toEqual(['bytes', 'decbytes', 'bps', 'Bps', 'percent', 'percentunit', 's', 'ms', 'ns', 'us', 'ops', 'reqps', 'celsius', 'usd', 'eur', 'short', 'none']);
    expect(ids.every((id) => mapUnit(id).factor === undefined && mapUnit(id).approximation === undefined)).toBe(true);
  });

  it("treats ids named like Object.prototype's members as unknown, never as a function (the import fuzz found 'valueOf')", () => {
    for (const id of ['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(mapUnit(id)).toEqual({ unit: 'short', approximation: `unit ${id} is not supported; shown as a plain number` });
    }
  });

  it('maps prefixed ids to a base unit and a factor', () => {
    expect(mapUnit('kbytes')).toEqual({ unit: 'bytes', factor: 1024 });
    expect(mapUnit('MBs')).toEqual({ unit: 'Bps', factor: 1e6 });
    expect(mapUnit('m')).toEqual({ unit: 's', factor: 60 });
  });

  it('says how an unknown or near unit is shown', () => {
    expect(mapUnit('lengthmm')).toEqual({ unit: 'short', approximation: 'unit lengthmm is not supported; shown as a plain number' });
    expect(mapUnit('currencyGBP').unit).toBe('currency');
    expect(mapUnit('pps').approximation).toMatch(/ops\/s/);
    expect(mapUnit(undefined)).toEqual({ unit: 'short' });
  });
});
