import { describe, expect, it } from 'vitest';
import type { HttpResult } from '../../../src/main/engine/sources/http';
import { parseQueryResponse, parseSampleValue } from '../../../src/main/engine/sources/prometheus/parse';
import { fixture } from './stub-server';

const reply = (status: number, body: string): HttpResult => ({ ok: true, status, body, durationMs: 1, headers: {} });
const fromFixture = (name: string): HttpResult => {
  const f = fixture('prometheus', name);
  return reply(f.status, f.body);
};
const instant = { maxSeries: 5000, keepAllPoints: false };

describe('parseQueryResponse on recorded Prometheus responses', () => {
  it('reads a vector with its labels, timestamps in ms and values', () => {
    const raw = JSON.parse(fixture('prometheus', 'query-vector').body) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    const first = raw.data.result[0]!;
    const r = parseQueryResponse(fromFixture('query-vector'), instant);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.series).toHaveLength(raw.data.result.length);
    expect(r.series[0]).toEqual({ labels: first.metric, ts: [first.value[0] * 1000], values: [Number(first.value[1])] });
  });

  it('reads a scalar as one series without labels', () => {
    const r = parseQueryResponse(fromFixture('query-scalar'), instant);
    expect(r).toMatchObject({ ok: true, series: [{ labels: {}, values: [84] }] });
  });

  it('keeps the newest point of a matrix from an instant query, and every point from query_range', () => {
    const raw = JSON.parse(fixture('prometheus', 'query-matrix').body) as { data: { result: { values: [number, string][] }[] } };
    const points = raw.data.result[0]!.values;
    const last = points[points.length - 1]!;
    const r = parseQueryResponse(fromFixture('query-matrix'), instant);
    expect(r).toMatchObject({ ok: true, series: [{ ts: [Math.round(last[0] * 1000)], values: [Number(last[1])] }] });
    const all = parseQueryResponse(fromFixture('query-matrix'), { maxSeries: 5000, keepAllPoints: true });
    expect(all.ok && all.series[0]!.ts).toEqual(points.map((p) => Math.round(p[0] * 1000)));
  });

  it('parses NaN, +Inf and -Inf to numbers', () => {
    const r = parseQueryResponse(fromFixture('query-nonfinite'), instant);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byV = Object.fromEntries(r.series.map((s) => [s.labels.v, s.values[0]]));
    expect(byV).toEqual({ nan: NaN, pinf: Infinity, ninf: -Infinity });
  });

  it('gives the server\'s message for a parse error and for an execution error, as a query error', () => {
    const parse = parseQueryResponse(fromFixture('query-error-parse'), instant);
    expect(parse).toEqual({ ok: false, upstream: true, reason: JSON.parse(fixture('prometheus', 'query-error-parse').body).error });
    const exec = parseQueryResponse(fromFixture('query-error-exec'), instant);
    expect(exec).toMatchObject({ ok: false, upstream: true });
    expect(!exec.ok && exec.reason).toMatch(/many-to-many matching not allowed/);
  });

  it('passes on Prometheus\'s refusal of more than 11,000 points per series', () => {
    const r = parseQueryResponse(fromFixture('query-range-error'), { maxSeries: 5000, keepAllPoints: true });
    expect(!r.ok && r.reason).toMatch(/exceeded maximum resolution of 11,000 points/);
  });

  it('refuses a string result, which no panel can draw', () => {
    expect(parseQueryResponse(fromFixture('query-string'), instant)).toMatchObject({ ok: false, upstream: true });
  });

  it('reads an empty result as no series', () => {
    expect(parseQueryResponse(fromFixture('query-empty'), instant)).toEqual({ ok: true, series: [], warnings: [] });
  });

  it('errors a result that holds the same label set twice', () => {
    const raw = JSON.parse(fixture('prometheus', 'query-vector-cpu').body) as { data: { result: unknown[] } };
    raw.data.result.push(raw.data.result[0]);
    const r = parseQueryResponse(reply(200, JSON.stringify(raw)), instant);
    expect(r).toMatchObject({ ok: false, upstream: true });
    expect(!r.ok && r.reason).toMatch(/^query returned the label set .* twice$/);
  });

  it('errors a result over the series cap, naming both numbers', () => {
    const raw = JSON.parse(fixture('prometheus', 'query-vector').body) as { data: { result: { metric: Record<string, string>; value: unknown }[] } };
    const one = raw.data.result[0]!;
    raw.data.result = Array.from({ length: 7000 }, (_, i) => ({ metric: { ...one.metric, i: String(i) }, value: one.value }));
    const body = JSON.stringify(raw);
    expect(parseQueryResponse(reply(200, body), instant)).toEqual({ ok: false, upstream: true, reason: 'query returned 7,000 series, over the limit of 5,000' });
    expect(parseQueryResponse(reply(200, body), { maxSeries: 7000, keepAllPoints: false }).ok).toBe(true);
  });

  it('treats garbage as Prometheus failing, not the query', () => {
    const html = parseQueryResponse(reply(502, '<html><body>Bad Gateway</body></html>'), instant);
    expect(html).toEqual({ ok: false, upstream: false, reason: 'HTTP 502: <html><body>Bad Gateway</body></html>' });
    const body = fixture('prometheus', 'query-vector-cpu').body;
    const cut = parseQueryResponse(reply(200, body.slice(0, body.length / 2)), instant);
    expect(cut).toMatchObject({ ok: false, upstream: false });
    expect(!cut.ok && cut.reason).toMatch(/^truncated JSON/);
    const wrongShape = parseQueryResponse(reply(200, '{"status":"success","data":{"resultType":"vector","result":{}}}'), instant);
    expect(!wrongShape.ok && wrongShape.reason).toMatch(/^not a Prometheus response/);
    const transport = parseQueryResponse({ ok: false, reason: 'timed out after 10s', durationMs: 10_000 }, instant);
    expect(transport).toEqual({ ok: false, upstream: false, reason: 'timed out after 10s' });
  });
});

describe('parseSampleValue', () => {
  it('reads numbers and the non-finite spellings, and rejects anything else', () => {
    expect(parseSampleValue('1.5e3')).toBe(1500);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(parseSampleValue('abc')).toBeUndefined();
    expect(parseSampleValue('')).toBeUndefined();
  });
});
