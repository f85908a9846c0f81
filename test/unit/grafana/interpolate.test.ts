import { describe, expect, it } from 'vitest';
import { formatSelection, interpolate, promRegexEscape, referencedVariables, type VariableSelection } from '../../../src/main/grafana/interpolate';

const one: VariableSelection = { values: ['web-1'], all: false, regex: false };
const multi: VariableSelection = { values: ['a.b', 'c'], all: false, regex: true };
const allCustom: VariableSelection = { values: ['x', 'y'], all: true, allValue: '.*', regex: true };
const sel = new Map([
  ['host', one],
  ['svc', multi],
  ['job', allCustom],
]);

describe('Grafana variable syntaxes', () => {
  it('replaces $var, ${var} and [[var]] alike', () => {
    expect(interpolate('up{instance="$host"}', sel).text).toBe('up{instance="web-1"}');
    expect(interpolate('up{instance="${host}"}', sel).text).toBe('up{instance="web-1"}');
    expect(interpolate('up{instance="[[host]]"}', sel).text).toBe('up{instance="web-1"}');
    expect(interpolate('$host-$host', sel).text).toBe('web-1-web-1');
  });

  it('formats multi-value selections as a PromQL regex alternation with escaped specials', () => {
    expect(interpolate('up{svc=~"$svc"}', sel).text).toBe('up{svc=~"(a\\\\.b|c)"}');
    expect(interpolate('up{svc=~"${svc:regex}"}', sel).text).toBe('up{svc=~"(a\\\\.b|c)"}');
    expect(interpolate('up{svc=~"${svc:pipe}"}', sel).text).toBe('up{svc=~"a.b|c"}');
    expect(interpolate('[[svc:csv]]', sel).text).toBe('a.b,c');
    expect(interpolate('${svc:json}', sel).text).toBe('["a.b","c"]');
    expect(interpolate('${svc:glob}', sel).text).toBe('{a.b,c}');
    expect(interpolate('${svc:doublequote}', sel).text).toBe('"a.b","c"');
  });

  it('uses the custom All value verbatim', () => {
    expect(interpolate('up{job=~"$job"}', sel).text).toBe('up{job=~".*"}');
    expect(interpolate('up{job=~"${job:regex}"}', sel).text).toBe('up{job=~".*"}');
    expect(formatSelection({ values: ['x', 'y'], all: true, regex: true }, undefined)).toBe('(x|y)');
  });

  it('leaves Grafana macros for the engine and reports undefined variables', () => {
    const r = interpolate('rate(x{h="$host"}[$__rate_interval]) / ${__range_s} + $nope + [[missing]]', sel);
    expect(r.text).toBe('rate(x{h="web-1"}[$__rate_interval]) / ${__range_s} + $nope + [[missing]]');
    expect(r.unknown).toEqual(['nope', 'missing']);
    expect(interpolate('label_replace(x, "a", "$1", "b", "(.*)")', sel).unknown).toEqual([]);
  });

  it('escapes every regex special so PromQL parses it back to the literal', () => {
    expect(promRegexEscape('10.0.0.1:9100')).toBe('10\\\\.0\\\\.0\\\\.1:9100');
    expect(promRegexEscape('a|b(c)')).toBe('a\\\\|b\\\\(c\\\\)');
  });

  it('lists referenced variables in order, macros excluded', () => {
    expect(referencedVariables('$a ${b:csv} [[c]] $__interval $a')).toEqual(['a', 'b', 'c']);
  });
});
