import { describe, expect, it } from 'vitest';
import { evaluateCondition, failedConditions, parseCondition, parseJsonPath, type Condition, type Observation } from '../../../src/main/engine/sources/health-conditions';
import { fixture } from './stub-server';

const cond = (text: string): Condition => {
  const p = parseCondition(text);
  if (!p.ok) throw new Error(p.reason);
  return p.condition;
};
const NOW = 1_800_000_000_000;
const obs = (o: Partial<Observation>): Observation => ({ now: NOW, ...o });

describe('parseCondition', () => {
  it('reads placeholder, path, operator and value', () => {
    expect(cond('[STATUS] == 200')).toEqual({ text: '[STATUS] == 200', placeholder: 'STATUS', path: [], op: '==', expected: '200' });
    expect(cond('[BODY].services.db[0].status != "down hard"')).toMatchObject({ placeholder: 'BODY', path: ['services', 'db', 0, 'status'], op: '!=', expected: 'down hard' });
    expect(cond('[CERTIFICATE_EXPIRATION]>48h')).toMatchObject({ op: '>', expected: '48h' });
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(cond(`[RESPONSE_TIME] ${op} 800`).op).toBe(op);
  });

  it('refuses what is not a condition', () => {
    expect(parseCondition('STATUS == 200').ok).toBe(false);
    expect(parseCondition('[STATUS] == ').ok).toBe(false);
    expect(parseCondition('[STATUS].x == 200').ok).toBe(false);
  });

  it('parses JSON paths with dots and indexes', () => {
    expect(parseJsonPath('.a.b[2][0].c')).toEqual(['a', 'b', 2, 0, 'c']);
    expect(parseJsonPath('')).toEqual([]);
    expect(parseJsonPath('.a[x]')).toBeUndefined();
  });
});

describe('evaluateCondition', () => {
  it('compares the HTTP status', () => {
    expect(evaluateCondition(cond('[STATUS] == 200'), obs({ status: 200 }))).toBeNull();
    expect(evaluateCondition(cond('[STATUS] == 200'), obs({ status: 503 }))).toBe('got 503');
    expect(evaluateCondition(cond('[STATUS] < 500'), obs({ status: 404 }))).toBeNull();
    expect(evaluateCondition(cond('[STATUS] == 200'), obs({}))).toBe('got no response');
  });

  it('compares the response time in ms or as a duration', () => {
    expect(evaluateCondition(cond('[RESPONSE_TIME] < 800'), obs({ responseTimeMs: 120 }))).toBeNull();
    expect(evaluateCondition(cond('[RESPONSE_TIME] < 800'), obs({ responseTimeMs: 950 }))).toBe('got 950ms');
    expect(evaluateCondition(cond('[RESPONSE_TIME] <= 1s'), obs({ responseTimeMs: 1000 }))).toBeNull();
  });

  it('compares the time left on the certificate', () => {
    const c = cond('[CERTIFICATE_EXPIRATION] > 48h');
    expect(evaluateCondition(c, obs({ status: 200, certExpiresAt: NOW + 72 * 3_600_000 }))).toBeNull();
    expect(evaluateCondition(c, obs({ status: 200, certExpiresAt: NOW + 20 * 3_600_000 }))).toBe('got 20h');
    expect(evaluateCondition(c, obs({ status: 200, certExpiresAt: NOW + 50 * 86_400_000 }))).toBeNull();
    expect(evaluateCondition(c, obs({ status: 200 }))).toBe('got no certificate');
    expect(evaluateCondition(c, obs({ status: 200, certExpiresAt: NOW - 90 * 60_000 }))).toBe('got -1h 30m');
  });

  it('compares a JSON body field as text or as a number', () => {
    const body = fixture('health', 'degraded').body;
    expect(evaluateCondition(cond('[BODY].status == ok'), obs({ body }))).toBeNull();
    expect(evaluateCondition(cond('[BODY].status == healthy'), obs({ body }))).toBe('got ok');
    expect(evaluateCondition(cond('[BODY].services.cache.status == up'), obs({ body }))).toBe('got down');
    expect(evaluateCondition(cond('[BODY].nope == up'), obs({ body }))).toBe('no such field');
    expect(evaluateCondition(cond('[BODY].items[1].n >= 10'), obs({ body: '{"items":[{"n":1},{"n":12}]}' }))).toBeNull();
    expect(evaluateCondition(cond('[BODY].items[1].n > 12'), obs({ body: '{"items":[{"n":1},{"n":12}]}' }))).toBe('got 12');
    expect(evaluateCondition(cond('[BODY].status > 3'), obs({ body }))).toBe('got ok, not a number');
    expect(evaluateCondition(cond('[BODY].status == ok'), obs({ body: '<html>' }))).toBe('body is not JSON');
    expect(evaluateCondition(cond('[BODY] == pong'), obs({ body: 'pong' }))).toBeNull();
  });

  it('cuts what it quotes from an untrusted body', () => {
    const seen = evaluateCondition(cond('[BODY].status == ok'), obs({ body: JSON.stringify({ status: 'x'.repeat(5000) }) }));
    expect(seen!.length).toBeLessThan(120);
  });
});

describe('failedConditions', () => {
  it('lists each failed condition as written with what was seen', () => {
    const f = fixture('health', 'unhealthy-503');
    const conditions = ['[STATUS] == 200', '[RESPONSE_TIME] < 800', '[BODY].status == healthy'].map(cond);
    expect(failedConditions(conditions, obs({ status: f.status, responseTimeMs: 12, body: f.body }))).toEqual(['[STATUS] == 200 (got 503)', '[BODY].status == healthy (got unhealthy)']);
  });
});
