import { describe, expect, it } from 'vitest';
import { evaluateCondition, failedConditions, parseCondition, parseJsonPath, type Condition, type Observation } from '../../../src/main/engine/sources/health/conditions';
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

describe("Gatus's functions any(), pat(), len() and has()", () => {
  const body = JSON.stringify({ name: 'john.doe', data: [{ id: 1 }, { id: 2 }], status: 'UP', n: 7 });
  const check = (text: string, o: Partial<Observation>): string | null => evaluateCondition(cond(text), obs(o));

  it('any() holds when the value is one of the listed ones (as numbers or as text)', () => {
    expect(check('[STATUS] == any(200, 201)', { status: 201 })).toBeNull();
    expect(check('[STATUS] == any(200, 201)', { status: 404 })).toBe('got 404');
    expect(check('[STATUS] != any(500, 503)', { status: 200 })).toBeNull();
    expect(check('[BODY].status == any(UP, "DEGRADED")', { body })).toBeNull();
    expect(check('[BODY].data[1].id == any(1, 2)', { body })).toBeNull();
    expect(check('[BODY].n == any(1, 2)', { body })).toBe('got 7');
  });

  it('pat() matches a whole value with * as any run of characters', () => {
    expect(check('[STATUS] == pat(2*)', { status: 204 })).toBeNull();
    expect(check('[STATUS] == pat(2*)', { status: 502 })).toBe('got 502');
    expect(check('[BODY].name == pat(john*)', { body })).toBeNull();
    expect(check('[BODY].name == pat(*.doe)', { body })).toBeNull();
    expect(check('[BODY].name == pat(john)', { body })).toBe('got john.doe');
    expect(check('[BODY] == pat(*"status":"UP"*)', { body })).toBeNull();
    expect(check('[BODY].name != pat(bob*)', { body })).toBeNull();
    expect(check('[BODY].name == pat(j.hn*)', { body })).toBe('got john.doe'); // '.' is literal
  });

  it('len() is an array length, or the length of the value as text', () => {
    expect(check('len([BODY].data) == 2', { body })).toBeNull();
    expect(check('len([BODY].data) < 2', { body })).toBe('got 2');
    expect(check('len([BODY].name) == 8', { body })).toBeNull();
    expect(check('len([BODY].missing) == 0', { body })).toBe('no such field');
  });

  it('has() says whether the path exists', () => {
    expect(check('has([BODY].errors) == false', { body })).toBeNull();
    expect(check('has([BODY].data) == true', { body })).toBeNull();
    expect(check('has([BODY].name) == false', { body })).toBe('got true');
  });

  it('refuses, at parse time, what Gatus does not allow', () => {
    for (const bad of ['[STATUS] < any(200, 201)', '[RESPONSE_TIME] == any(1, 2)', 'len([STATUS]) == 3', 'has([BODY].x) == maybe', '[STATUS] == any(200,,201)', 'len([BODY].x == 3']) {
      expect(parseCondition(bad).ok, bad).toBe(false);
    }
  });
});
