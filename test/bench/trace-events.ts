/** A Chromium trace event as the bench tools read it (JSON trace format). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number; // µs
  dur?: number; // µs
  tdur?: number; // µs of thread CPU time: robust to other processes on a shared machine
  tid: number;
  pid: number;
}
