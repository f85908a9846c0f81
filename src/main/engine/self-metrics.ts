// The engine's own metrics, exposed at /metrics in the Prometheus text format (version 0.0.4),
// so the wall-board itself can be scraped and alerted on like anything else in the NOC.
import type { Batch } from '../../shared/model';
import { labelValue, metricFamily, metricsText } from './metrics-text';

interface PerSource {
  kind: string;
  polls: number;
  errors: number;
  durationSum: number; // s
  samples: number;
}

export class SelfMetrics {
  private readonly sources = new Map<string, PerSource>();
  private samplesStored = 0;
  private storeErrors = 0;

  recordPoll(batch: Batch, storedSamples: number): void {
    let m = this.sources.get(batch.source);
    if (!m) this.sources.set(batch.source, (m = { kind: batch.kind, polls: 0, errors: 0, durationSum: 0, samples: 0 }));
    m.polls++;
    if (!batch.status.ok) m.errors++;
    m.durationSum += batch.durationMs / 1000;
    m.samples += storedSamples;
    this.samplesStored += storedSamples;
  }

  recordStoreError(): void {
    this.storeErrors++;
  }

  /** `gauges` are read at scrape time (DB bytes, series, up). */
  render(gauges: { dbBytes: number; series: number; headSamples: number; chunks: number; sourceUp: Map<string, boolean>; configOk: boolean; recording: boolean }): string {
    const families: string[][] = [];
    const metric = (name: string, type: 'counter' | 'gauge' | 'summary', help: string, rows: [string, number][]): void => {
      families.push(metricFamily(name, type, help, rows));
    };
    const bySource = [...this.sources.entries()];
    const l = (id: string, kind: string): string => `{source="${labelValue(id)}",kind="${kind}"}`;
    metric('wallboard_polls_total', 'counter', 'Polls of each upstream source.', bySource.map(([id, m]) => [l(id, m.kind), m.polls]));
    metric('wallboard_poll_errors_total', 'counter', 'Polls that ended in an error.', bySource.map(([id, m]) => [l(id, m.kind), m.errors]));
    metric('wallboard_poll_duration_seconds', 'summary', 'Time each poll took.', bySource.flatMap(([id, m]): [string, number][] => [[`_sum${l(id, m.kind)}`, m.durationSum], [`_count${l(id, m.kind)}`, m.polls]]));
    metric('wallboard_source_up', 'gauge', '1 when the last poll of the source succeeded.', [...gauges.sourceUp].map(([id, up]) => [`{source="${labelValue(id)}"}`, up ? 1 : 0]));
    metric('wallboard_samples_stored_total', 'counter', 'Samples written to the buffer.', [['', this.samplesStored]]);
    metric('wallboard_store_errors_total', 'counter', 'Batches the buffer could not write.', [['', this.storeErrors]]);
    metric('wallboard_db_bytes', 'gauge', 'Size of the SQLite buffer on disk, WAL included (in memory while not recording).', [['', gauges.dbBytes]]);
    metric('wallboard_buffer_recording', 'gauge', '0 while the disk refuses the buffer (full, read-only, deleted) and it is kept in memory.', [['', gauges.recording ? 1 : 0]]);
    metric('wallboard_series', 'gauge', 'Series in the buffer.', [['', gauges.series]]);
    metric('wallboard_head_samples', 'gauge', 'Samples not yet sealed into compressed chunks.', [['', gauges.headSamples]]);
    metric('wallboard_chunks', 'gauge', 'Compressed chunks in the buffer.', [['', gauges.chunks]]);
    metric('wallboard_config_ok', 'gauge', '0 while the board file on disk is invalid (the last good board keeps running).', [['', gauges.configOk ? 1 : 0]]);
    return metricsText(families);
  }
}

