import { describe, expect, it } from 'vitest';
import { mapAlertmanagerAlerts } from '../../../src/main/engine/sources/alertmanager';
import { readHealthBody } from '../../../src/main/engine/sources/health/state';
import { MAX_REASON_CHARS, untrustedReason, untrustedRecord, untrustedText } from '../../../src/main/engine/sources/untrusted-text';

const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

describe('untrustedText', () => {
  it('replaces every bidi embedding, override and isolate with a visible code point', () => {
    expect(untrustedText('\u202Egnp.exe\u202C', 100)).toBe('[U+202E]gnp.exe[U+202C]');
    expect(untrustedText('a\u202Ab\u202Bc\u202Dd\u2066e\u2067f\u2068g\u2069', 100)).toBe(
      'a[U+202A]b[U+202B]c[U+202D]d[U+2066]e[U+2067]f[U+2068]g[U+2069]',
    );
  });

  it('leaves honest text, including right-to-left script and the direction marks, as it is', () => {
    for (const s of ['disk full on db-1', 'שרת נפל', 'مرحبا', 'a\u200Eb\u200Fc\u061Cd', '<script>x</script>']) {
      expect(untrustedText(s, 100)).toBe(s);
    }
  });

  it('stays within the bound even when the markers lengthen the text', () => {
    const out = untrustedText('\u202E'.repeat(5000), 1024);
    expect(out.length).toBe(1024);
    expect(out).not.toMatch(CONTROLS);
    expect(untrustedText('x'.repeat(2000), 1024)).toBe('x'.repeat(1024));
  });

  it('cleans keys and values of a record', () => {
    expect(untrustedRecord({ 'k\u2066': 'v\u202E' }, 100)).toEqual({ 'k[U+2066]': 'v[U+202E]' });
  });
});

describe('untrustedReason', () => {
  it('keeps a short honest reason as it is', () => {
    for (const s of ['connection refused', 'HTTP 503: upstream timed out', 'parse error at char 5: unexpected "}"', 'שרת נפל']) {
      expect(untrustedReason(s)).toBe(s);
    }
  });

  it('puts a reason on one line: newlines, tabs, ESC and other controls become one space', () => {
    expect(untrustedReason(' a\r\n\tb\u001b[31mc\u0000d\u0085e \n')).toBe('a b [31mc d e');
  });

  it('makes bidi controls visible and cuts at MAX_REASON_CHARS with an ellipsis', () => {
    expect(untrustedReason('HTTP 500: \u202Egnp.exe')).toBe('HTTP 500: [U+202E]gnp.exe');
    const long = untrustedReason('<html>' + '\u202E'.repeat(10_000));
    expect(long.length).toBe(MAX_REASON_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(CONTROLS);
    expect(untrustedReason('x'.repeat(MAX_REASON_CHARS))).toBe('x'.repeat(MAX_REASON_CHARS));
  });
});

describe('the source mappers', () => {
  it('an Alertmanager alert with U+202E in a label and an annotation reaches the model without it', () => {
    const raw = [
      {
        fingerprint: 'f1',
        labels: { alertname: 'Hostile', severity: 'critical', instance: 'up\u202Egnp.exe' },
        annotations: { summary: 'open \u202Egnp.exe\u202C now' },
        startsAt: '2026-01-01T00:00:00Z',
        status: { state: 'active', silencedBy: [], inhibitedBy: [] },
      },
    ];
    const r = mapAlertmanagerAlerts('am', raw, Date.parse('2026-01-01T00:01:00Z'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.alerts[0]!.labels.instance).toBe('up[U+202E]gnp.exe');
    expect(r.alerts[0]!.annotations.summary).toBe('open [U+202E]gnp.exe[U+202C] now');
    expect(r.alerts[0]!.severity).toBe('critical');
  });

  it('a health body service name with an override is neutralised', () => {
    const b = readHealthBody({ services: { '\u202Egnp.exe': { status: 'healthy' } } });
    expect(Object.keys(b.services ?? {})).toEqual(['[U+202E]gnp.exe']);
  });
});
