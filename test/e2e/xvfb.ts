// A private X display for tests that need a real (non-headless) browser window: Xvfb picks a free
// display number itself (-displayfd) and is stopped by stop() or, at worst, the process exit hook.
import { spawn, type ChildProcess } from 'node:child_process';

export interface XDisplay {
  /** ":N" */
  display: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export function startXvfb(opts: { width?: number; height?: number } = {}): Promise<XDisplay> {
  const screen = `${opts.width ?? 1920}x${opts.height ?? 1080}x24`;
  const c = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  running.add(c);
  let err = '';
  c.stderr?.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    let got = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s:\n${err}`)), 10_000);
    c.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}:\n${err}`)));
    c.once('error', (e) => reject(new Error(`Xvfb could not run (apt-get install xvfb): ${e.message}`)));
    (c.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => {
      got += b.toString();
      if (!got.includes('\n')) return;
      clearTimeout(timer);
      resolve({
        display: `:${got.trim()}`,
        async stop() {
          if (c.exitCode !== null || c.signalCode !== null) return;
          const gone = new Promise<void>((r) => c.once('exit', () => r()));
          c.kill('SIGTERM');
          await gone;
          running.delete(c);
        },
      });
    });
  });
}
