/**
 * The IPC side of a walls-bench child process (walls-child.ts, walls-wire.ts): reports 'ready' once
 * its clients are, measures from 'start', and on 'stop' waits 2 s for the last update's stragglers,
 * then sends one report and exits.
 *   parent → child: 'start' (measure from now), 'stop' (report and exit)
 *   child → parent: 'ready', then one report
 */
export interface BenchClients<R extends { cpuSeconds: number }> {
  /** Every client is connected and has taken one update (or 60 s have passed). */
  ready(): boolean;
  reset(): void;
  /** What was measured since reset(), counting only updates stamped up to `until` (ms, server clock). */
  report(until?: number): R;
  stop(): void;
}

export function runAsBenchChild<R extends { cpuSeconds: number }>(clients: BenchClients<R>): void {
  const t0 = Date.now();
  const poll = setInterval(() => {
    if (!clients.ready() && Date.now() - t0 < 60_000) return;
    clearInterval(poll);
    process.send?.('ready');
  }, 250);
  process.on('message', (m) => {
    if (m === 'start') clients.reset();
    if (m !== 'stop') return;
    const stopAt = Date.now();
    const cpu = clients.report().cpuSeconds; // the run's CPU, without the stragglers' wait
    // why wait: the last update may still be on its way to the last clients; updates stamped after 'stop' are not part of the run
    setTimeout(() => {
      const report: R = { ...clients.report(stopAt), cpuSeconds: cpu };
      clients.stop();
      process.send?.(report, () => process.exit(0));
    }, 2_000);
  });
  process.on('disconnect', () => process.exit(0));
}
