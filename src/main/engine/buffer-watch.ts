// Whether the buffer records to disk, as a pipeline incident of the wall ("buffer full: not
// recording"), and the retry that writes it back when the disk takes writes again.
import type { DiskFailure, NotRecording } from './store/offline';
import type { Store } from './store/types';

export const RESUME_EVERY_MS = 10_000; // ms between attempts to record to disk again

const WHAT: Record<DiskFailure['what'], string> = {
  full: 'buffer full',
  'read-only': 'buffer read-only',
  deleted: 'buffer deleted',
  'I/O error': 'buffer disk error',
};

/** The incident title while the buffer is not recording. */
export function notRecordingTitle(s: NotRecording): string {
  return `${WHAT[s.what]}: not recording (${s.reason}); the wall shows live data kept in memory`;
}

export class BufferWatch {
  #open: string | undefined;

  constructor(
    private readonly store: Store,
    /** Opens (title) or resolves (undefined) the wall's pipeline incident. */
    private readonly report: (title: string | undefined) => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Raises or resolves the incident as the store says; call after every write. */
  check(): void {
    const s = this.store.recording();
    const title = s.ok ? undefined : notRecordingTitle(s);
    if (title === this.#open) return;
    this.#open = title;
    this.log(title ?? 'buffer recording to disk again');
    this.report(title);
  }

  /** On a timer: while not recording, try to write the buffer back to disk. */
  tick(): void {
    if (!this.store.recording().ok) this.store.resume();
    this.check();
  }

  get recording(): boolean {
    return this.#open === undefined;
  }
}
