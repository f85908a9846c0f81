// The board keys of the desktop app (kiosk:, updates:) and ${keychain:NAME} secrets.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseBoardText } from '../../../src/main/engine/config/load';
import type { KeychainLookup } from '../../../src/main/engine/config/keychain';

const BOARD = (extra: string, headerValue = 'Bearer ${keychain:prom-token}'): string => `sources:
  prometheus:
    - id: prom
      url: http://127.0.0.1:9090
      headers: { Authorization: "${headerValue}" }
pages:
  - id: ops
    title: Ops
    panels:
      - { id: t, type: text, text: hello }
  - id: db
    title: DB
    panels:
      - { id: u, type: text, text: hi }
${extra}`;

const problems = (text: string, keychain?: KeychainLookup): string[] => {
  const r = parseBoardText(text, 'b.yaml', {}, keychain);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('${keychain:NAME}', () => {
  it('without a keychain (serve, kiosk, check-config) is an error at its position that names it and points to ${env:…}', () => {
    expect(problems(BOARD(''))).toEqual([
      'b.yaml:5:33: ${keychain:prom-token} needs the desktop app\'s OS keychain, which this command does not use: set an environment variable and write ${env:PROM_TOKEN} instead (or run the board in the desktop app after `wallboard secret set prom-token`)',
    ]);
  });

  it('resolves through the injected keychain, and a missing entry is the keychain’s own error', () => {
    const store = new Map([['prom-token', 's3cret']]);
    const keychain: KeychainLookup = (n) => (store.has(n) ? { ok: true, value: store.get(n) as string } : { ok: false, reason: `no secret "${n}" in the keychain: run wallboard secret set ${n}` });
    const r = parseBoardText(BOARD(''), 'b.yaml', {}, keychain);
    expect(r.ok && r.board.sources.prometheus[0]?.headers.Authorization).toBe('Bearer s3cret');
    expect(problems(BOARD('', 'Bearer ${keychain:other}'), keychain)).toEqual(['b.yaml:5:33: no secret "other" in the keychain: run wallboard secret set other']);
  });
});

describe('kiosk: and updates:', () => {
  it('parse with their defaults', () => {
    const r = parseBoardText(BOARD('kiosk: { displays: [0, 1], pages: { "1": [db] } }\nupdates: { url: "https://updates.example.com/wallboard", window: "03:00-05:00" }\n'), 'b.yaml', {}, () => ({ ok: true, value: 'x' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.board.kiosk).toEqual({ enabled: true, displays: [0, 1], pages: { '1': ['db'] }, exitChord: 'CommandOrControl+Shift+Q', cursorHideAfter: 5_000, startAtLogin: false });
    expect(r.board.updates).toEqual({ url: 'https://updates.example.com/wallboard', channel: 'latest', window: '03:00-05:00' });
  });

  it('refuses unknown pages, bad windows and bad display lists, each at its line', () => {
    const ok = (): { ok: true; value: string } => ({ ok: true, value: 'x' });
    expect(problems(BOARD('kiosk:\n  pages: { "0": [ops, nope] }\n'), ok)).toEqual(['b.yaml:16:23: kiosk.pages.0[1]: unknown page "nope"; pages are: ops, db']);
    expect(problems(BOARD('updates: { url: "https://u.example", window: "25:00-05:00" }\n'), ok)).toEqual(['b.yaml:15:46: updates.window: hours are 00–23 and minutes 00–59']);
    expect(problems(BOARD('kiosk: { displays: [] }\n'), ok)[0]).toMatch(/^b\.yaml:15:20: kiosk\.displays: /);
  });
});
