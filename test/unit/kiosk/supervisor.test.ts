// The supervisor against real child processes (node itself standing in for the browser).
import { describe, expect, it } from 'vitest';
import { createSupervisor } from '../../../src/main/kiosk/supervisor';

const fast = { baseMs: 20, maxMs: 80, stableMs: 60_000 };
const until = async (what: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('kiosk supervisor', () => {
  it('relaunches a process that keeps exiting, with growing delays, logging and counting each relaunch', async () => {
    const lines: string[] = [];
    const s = createSupervisor({ command: process.execPath, args: ['-e', 'process.stderr.write("bye\\n"); process.exit(3)'], log: (l) => lines.push(l), policy: fast });
    s.start();
    await until(() => s.counts.relaunches >= 3);
    await s.stop();
    const relaunches = lines.filter((l) => l.includes('relaunch #'));
    expect(relaunches[0]).toMatch(/^kiosk browser exited with code 3 after \d+ s; relaunch #1 in 20 ms \(its last line: bye\)$/);
    expect(relaunches[1]).toMatch(/relaunch #2 in 40 ms/);
    expect(relaunches[2]).toMatch(/relaunch #3 in 80 ms/);
    expect(s.counts.launches).toBeGreaterThanOrEqual(s.counts.relaunches);
    expect(s.metricsText()).toContain(`wallboard_kiosk_browser_relaunches_total ${s.counts.relaunches}\n`);
  });

  it('relaunches a process killed with SIGKILL, and stop() ends it without a relaunch', async () => {
    const lines: string[] = [];
    const s = createSupervisor({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], log: (l) => lines.push(l), policy: fast });
    s.start();
    await until(() => s.pid() !== undefined);
    const first = s.pid() as number;
    expect(s.metricsText()).toContain('wallboard_kiosk_browser_up 1\n');
    process.kill(first, 'SIGKILL');
    await until(() => s.pid() !== undefined && s.pid() !== first);
    expect(lines.some((l) => /was killed by SIGKILL .* relaunch #1 in 20 ms/.test(l))).toBe(true);
    const second = s.pid() as number;
    await s.stop();
    expect(() => process.kill(second, 0)).toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.counts).toEqual({ launches: 2, relaunches: 1 });
    expect(s.metricsText()).toContain('wallboard_kiosk_browser_up 0\n');
  });

  it('counts a browser that cannot be run at all and keeps trying', async () => {
    const lines: string[] = [];
    const s = createSupervisor({ command: '/nonexistent/chromium', args: [], log: (l) => lines.push(l), policy: fast });
    s.start();
    await until(() => s.counts.relaunches >= 2);
    await s.stop();
    expect(lines[0]).toMatch(/^kiosk browser could not run \(spawn \/nonexistent\/chromium ENOENT\)/);
  });
});
