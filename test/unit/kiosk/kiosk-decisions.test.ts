// The kiosk's pure decisions: restart backoff, which browser, its command line, the X screen size.
import { describe, expect, it } from 'vitest';
import { browserArgs } from '../../../src/main/kiosk/browser-args';
import { findBrowser } from '../../../src/main/kiosk/browser-path';
import { parseXdpyinfo } from '../../../src/main/kiosk/screen-size';
import { DEFAULT_BACKOFF, nextStreak, restartDelay } from '../../../src/main/shell/restart-backoff';

describe('restart backoff', () => {
  it('doubles from 500 ms and never waits more than 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 1e9].map((n) => restartDelay(n))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000]);
  });

  it('starts a new streak after a run of at least a minute, and extends it after a quick failure', () => {
    expect(nextStreak(0, 10)).toBe(1);
    expect(nextStreak(4, 59_999)).toBe(5);
    expect(nextStreak(4, DEFAULT_BACKOFF.stableMs)).toBe(1);
  });

  it('honours another policy', () => {
    const p = { baseMs: 100, maxMs: 250, stableMs: 1000 };
    expect([1, 2, 3].map((n) => restartDelay(n, p))).toEqual([100, 200, 250]);
    expect(nextStreak(2, 1000, p)).toBe(1);
  });
});

describe('findBrowser', () => {
  const exe = (set: string[]) => (f: string) => set.includes(f);

  it('takes --browser when it is executable, and names it when it is not', () => {
    expect(findBrowser({ explicit: '/opt/chrome', pathEnv: '/usr/bin', isExecutable: exe(['/opt/chrome']) })).toEqual({ ok: true, path: '/opt/chrome' });
    const r = findBrowser({ explicit: '/nope', pathEnv: '/usr/bin', isExecutable: exe(['/usr/bin/chromium']) });
    expect(r).toEqual({ ok: false, reason: '--browser /nope: not an executable file' });
  });

  it('prefers chromium over chrome, and PATH order within a name', () => {
    const isExecutable = exe(['/b/google-chrome', '/a/chromium-browser', '/b/chromium-browser']);
    expect(findBrowser({ pathEnv: '/a:/b', pathDelimiter: ':', isExecutable })).toEqual({ ok: true, path: '/a/chromium-browser' });
    expect(findBrowser({ pathEnv: '/b:/a', pathDelimiter: ':', isExecutable })).toEqual({ ok: true, path: '/b/chromium-browser' });
  });

  it('says what to install when none is on PATH', () => {
    const r = findBrowser({ pathEnv: '/a:/b', pathDelimiter: ':', isExecutable: () => false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/no Chromium or Chrome on PATH .* pass --browser PATH/);
  });
});

describe('browserArgs', () => {
  it('runs the wall as a kiosk app in its own profile, the user flags after ours and the URL last', () => {
    const args = browserArgs({ url: 'http://127.0.0.1:5/?token=t', profileDir: '/d/p', extra: ['--window-size=10,10'], screen: { width: 1920, height: 1080 } });
    expect(args[0]).toBe('--kiosk');
    expect(args).toContain('--user-data-dir=/d/p');
    expect(args.indexOf('--window-size=1920,1080')).toBeLessThan(args.indexOf('--window-size=10,10'));
    expect(args.at(-1)).toBe('--app=http://127.0.0.1:5/?token=t');
  });

  it('leaves the geometry to the window manager when the screen size is unknown', () => {
    expect(browserArgs({ url: 'u', profileDir: 'p', extra: [] }).some((a) => a.startsWith('--window-'))).toBe(false);
  });
});

describe('parseXdpyinfo', () => {
  it('reads the first screen dimensions', () => {
    expect(parseXdpyinfo('screen #0:\n  dimensions:    1600x900 pixels (406x229 millimeters)\n')).toEqual({ width: 1600, height: 900 });
    expect(parseXdpyinfo('xdpyinfo:  unable to open display')).toBeUndefined();
  });
});
