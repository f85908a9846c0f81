import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigCommand } from '../../../src/main/cli/check-config';
import { formatProblem, loadBoardFile, parseBoardText } from '../../../src/main/engine/config/load';
import { parseDuration } from '../../../src/shared/duration';

const EXAMPLE = 'test/fixtures/boards/issue-example.yaml';

function problems(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  const r = parseBoardText(text, 'b.yaml', env);
  return r.ok ? [] : r.problems.map(formatProblem);
}

const MINIMAL = `pages:
  - id: p
    title: P
    panels:
      - { id: t, type: text, text: hello }
`;

/** A board with one panel `t` of `type` querying `up`, plus `extra` YAML lines at the panel's indent. */
function onePanel(type: string, extra: string): string {
  return `sources:
  prometheus: [{ id: prom, url: "http://127.0.0.1:9" }]
pages:
  - id: p
    title: P
    panels:
      - id: t
        type: ${type}
        query: up
        ${extra}
`;
}

describe('board file', () => {
  it('accepts the example board of the contract and applies defaults', () => {
    const r = loadBoardFile(EXAMPLE, { PROM_TOKEN: 's3cret' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.board.retention).toBe(86_400_000);
    expect(r.board.sources.prometheus[0]?.interval).toBe(15_000);
    expect(r.board.sources.prometheus[0]?.headers.Authorization).toBe('Bearer s3cret');
    expect(r.board.sources.alertmanager[0]?.interval).toBe(15_000);
    expect(r.board.sources.health[0]?.failAfter).toBe(3);
    expect(r.board.pages[0]?.dwell).toBe(30_000);
  });

  it('names a missing environment variable at its line and column', () => {
    const r = loadBoardFile(EXAMPLE, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([
      `${EXAMPLE}:12:33: environment variable PROM_TOKEN is not set (referenced as \${env:PROM_TOKEN}); set it or remove the reference`,
    ]);
  });

  it('reports every error with file:line:col, the key, and what is allowed', () => {
    const out = problems(`title: X
sources:
  prometheus:
    - { id: prom, url: "ftp://x", interval: 15x }
pages:
  - id: p
    title: P
    panels:
      - { id: a, type: chart, query: up }
      - { id: b, type: stat, query: up, colour: red }
`);
    expect(out).toEqual([
      'b.yaml:4:24: sources.prometheus[0].url: expected an http:// or https:// URL',
      'b.yaml:4:45: sources.prometheus[0].interval: "15x" is not a duration; use a number with ms, s, m, h, d, w or y, or several from largest to smallest (e.g. 15s, 5m, 1h30m, 7d)',
      'b.yaml:9:24: pages[0].panels[0].type: Invalid option: expected one of "stat"|"timeseries"|"gauge"|"health"|"alertlist"|"text"',
      'b.yaml:10:9: pages[0].panels[1]: Unrecognized key: "colour"',
    ]);
  });

  it('checks references between sections: brands, sources and health targets', () => {
    const out = problems(`brands: [{ id: shop, name: Shop }]
sources:
  prometheus: [{ id: prom, url: "http://127.0.0.1:9090" }]
pages:
  - id: p
    title: P
    panels:
      - { id: a, type: stat, brand: shoop, query: up }
      - { id: b, type: stat, source: other, query: up }
      - { id: c, type: health, targets: [nope] }
      - { id: a, type: gauge }
`);
    expect(out).toEqual([
      'b.yaml:8:37: pages[0].panels[0].brand: unknown brand "shoop"; brands are: shop',
      'b.yaml:9:38: pages[0].panels[1].source: unknown metric source "other"; prometheus/demo sources are: prom',
      'b.yaml:10:42: pages[0].panels[2].targets[0]: unknown health target "nope"; health sources are: (none)',
      'b.yaml:11:15: pages[0].panels[3].id: panel id "a" is used twice',
      'b.yaml:11:9: pages[0].panels[3]: a gauge panel needs a "query"',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const out = problems('title: [unclosed\npages: []\n');
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]).toMatch(/^b\.yaml:\d+:\d+: /);
  });

  it('requires at least one page', () => {
    expect(problems('title: X\npages: []\n')).toEqual(['b.yaml:2:8: pages: a board needs at least one page']);
  });

  it('checks timeseries stacking and series overrides: a bad regex, an override naming both or neither, a query that does not exist', () => {
    const board = (overrides: string): string => onePanel('timeseries', `queries: [{ query: "rate(x[1m])" }]\n        stack: percent\n        overrides: ${overrides}`);
    expect(problems(board('[{ match: "/eth.*/", negate: true, color: "#ff0000" }, { query: 1, stack: false, hide: true, name: "x", unit: bytes }]'))).toEqual([]);
    const bad = problems(board('[{ match: "/(/" }, { match: "a", query: 0 }, { color: "#ff0000" }]'));
    expect(bad).toHaveLength(3);
    expect(bad[0]).toMatch(/overrides\[0\]\.match: not a valid \/regular expression\//);
    expect(bad[1]).toMatch(/overrides\[1\].*exactly one of "match" or "query"/);
    expect(bad[2]).toMatch(/overrides\[2\].*exactly one of "match" or "query"/);
    // references are checked once the schema holds
    expect(problems(board('[{ query: 2 }]'))).toEqual([expect.stringMatching(/overrides\[0\]\.query: query 2 does not exist: this panel has 2/)]);
    expect(problems(board('[]').replace('stack: percent', 'stack: sideways'))[0]).toMatch(/stack/);
  });

  it('checks value mappings: exactly one kind each, a valid regex, a range that can match, something to show, a panel that shows values', () => {
    const board = (mappings: string, type = 'stat'): string => onePanel(type, `mappings: ${mappings}`);
    const good = '[{ value: 1, text: UP, color: "#73bf69" }, { from: 0, to: 0.5, text: DOWN }, { to: 0, color: "#ff0000" }, { regex: "/^([0-9])$/", text: "n$1" }, { special: null+nan, text: N/A }]';
    expect(problems(board(good))).toEqual([]);
    expect(problems(board(good, 'timeseries'))).toEqual([]);
    const bad = problems(board('[{ value: 1, from: 0, text: A }, { regex: "(", text: B }, { from: 5, to: 1, text: C }, { value: 2 }, { special: empty, text: D }, { text: E }]'));
    expect(bad).toHaveLength(6);
    expect(bad[0]).toMatch(/mappings\[0\].*exactly one of "value", a range \("from"\/"to"\), "regex" or "special"/);
    expect(bad[1]).toMatch(/mappings\[1\]\.regex: not a valid regular expression/);
    expect(bad[2]).toMatch(/mappings\[2\].*"from" is above "to"/);
    expect(bad[3]).toMatch(/mappings\[3\].*needs a "text" or a "color"/);
    expect(bad[4]).toMatch(/mappings\[4\]\.special/);
    expect(bad[5]).toMatch(/mappings\[5\].*exactly one of/);
    expect(problems(board('[{ value: 1, text: UP }]', 'text').replace('query: up', 'text: hi'))).toEqual([expect.stringMatching(/mappings: value mappings apply to stat, gauge and timeseries panels/)]);
  });

  it('checks bars and the right axis: draw styles, axis sides, bounds, a right axis with no series on it', () => {
    const board = (extra: string): string => onePanel('timeseries', extra);
    expect(problems(board('draw: bars\n        rightAxis: { unit: percent, min: 0, max: 100 }\n        overrides: [{ match: "/x/", axis: right, draw: line }]'))).toEqual([]);
    expect(problems(board("draw: points"))).toEqual([]);
    expect(problems(board("draw: dots"))[0]).toMatch(/draw/);
    expect(problems(board('hideAxes: [left, right]'))).toEqual([]);
    expect(problems(board('hideAxes: [top]'))[0]).toMatch(/hideAxes/);
    expect(problems(board('overrides: [{ match: x, axis: top }]'))[0]).toMatch(/overrides\[0\]\.axis/);
    expect(problems(board('rightAxis: { min: 5, max: 1 }\n        overrides: [{ match: x, axis: right }]'))).toEqual([expect.stringMatching(/rightAxis.*"min" must be below "max"/)]);
    expect(problems(board('rightAxis: { unit: percent }'))).toEqual([expect.stringMatching(/rightAxis: no series is on the right axis: put some there with overrides/)]);
  });

  it('accepts a minimal board', () => {
    expect(problems(MINIMAL)).toEqual([]);
  });

  it('parses durations in ms, s, m, h and d', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('15')).toBeUndefined();
    expect(parseDuration('fast')).toBeUndefined();
  });
});

describe('wallboard check-config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-check-'));

  it('exits 0 with a one-line summary for a good board', () => {
    const file = join(dir, 'good.yaml');
    writeFileSync(file, MINIMAL);
    const out: string[] = [];
    expect(checkConfigCommand(file, (s) => out.push(s), () => undefined)).toBe(0);
    expect(out.join('')).toBe(`${file}: ok — "Wallboard": 1 pages, 1 panels, 0 brands, 0 sources\n`);
  });

  it('exits 1 and prints every error as file:line:col: message', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'pages:\n  - id: p\n    title: P\n    panels:\n      - { id: x, type: pie }\n      - { id: y, type: stat, unit: furlongs, query: up }\n');
    const err: string[] = [];
    expect(checkConfigCommand(file, () => undefined, (s) => err.push(s))).toBe(1);
    const lines = err.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${file}:5:\\d+: pages\\[0\\]\\.panels\\[0\\]\\.type: `));
    expect(lines[1]).toMatch(new RegExp(`^${file}:6:\\d+: pages\\[0\\]\\.panels\\[1\\]\\.unit: `));
  });

  it('exits 1 naming a file that does not exist', () => {
    const err: string[] = [];
    expect(checkConfigCommand(join(dir, 'missing.yaml'), () => undefined, (s) => err.push(s))).toBe(1);
    expect(err.join('')).toBe(`${join(dir, 'missing.yaml')}:1:1: cannot read board file: file not found\n`);
  });
});

describe('board file size and aliases', () => {
  it('loads a board where 151 panels share one thresholds anchor', () => {
    const text = `sources:
  demo: [{ id: demo }]
pages:
  - id: p
    title: P
    panels:
      - { id: s0, type: stat, query: up, thresholds: &th [{ value: 1, severity: warning }] }
${Array.from({ length: 150 }, (_, i) => `      - { id: s${i + 1}, type: stat, query: up, thresholds: *th }`).join('\n')}
`;
    const r = parseBoardText(text, 'b.yaml', {});
    expect(r.ok ? r.board.pages[0]?.panels.length : r.problems.map(formatProblem)).toBe(151);
  });

  it('refuses an alias bomb quickly, at the line of the first alias, naming the limit', () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const n of 'bcdefghijk') {
      bomb += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = n;
    }
    const t0 = performance.now();
    const out = problems(bomb);
    expect(performance.now() - t0).toBeLessThan(5_000); // ms; 9^11 values if it were expanded
    expect(out).toEqual([expect.stringMatching(/^b\.yaml:2:\d+: board expands to more than 1000000 values .*WALLBOARD_MAX_BOARD_VALUES/)]);
  });

  it('refuses a board file over the size limit before parsing it, naming how to raise it', () => {
    expect(problems(MINIMAL, { WALLBOARD_MAX_BOARD_BYTES: '10' })).toEqual([expect.stringMatching(/^b\.yaml:1:1: .*over the limit of 10 .*WALLBOARD_MAX_BOARD_BYTES/)]);
    expect(problems(MINIMAL)).toEqual([]);
  });
});

describe('health conditions in check-config', () => {
  const board = (cond: string): string => `sources:
  health: [{ id: h, url: "http://127.0.0.1:1/", conditions: [${JSON.stringify(cond)}] }]
pages: [{ id: p, title: P, panels: [{ id: hp, type: health, targets: [h] }] }]
`;
  it('accepts any(), pat(), len() and has() and refuses what could never be evaluated, at its line', () => {
    for (const ok of ['[STATUS] == any(200, 201)', '[STATUS] == pat(2*)', 'len([BODY].items) < 5', 'has([BODY].errors) == false']) expect(problems(board(ok)), ok).toEqual([]);
    expect(problems(board('[RESPONSE_TIME] == any(1, 2)'))).toEqual([expect.stringMatching(/^b\.yaml:2:\d+: sources\.health\[0\]\.conditions\[0\]: any\(\) works with \[STATUS\] and \[BODY\]/)]);
  });
});
