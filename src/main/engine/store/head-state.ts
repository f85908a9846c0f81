// In-memory summary of the head table per series, so a write touches no per-series row and seal()
// finds its work without scanning the head. Rebuilt from the file on open. It may overestimate
// (after a rolled-back batch): seal() then re-reads the truth from the file and corrects it.
import type Database from 'better-sqlite3';

export interface HeadInfo {
  /** Oldest unsealed sample time (ms); Infinity when the head is empty. */
  min: number;
  /** Unsealed samples, at least (upserts of an existing t count twice). */
  count: number;
  /** Newest sealed sample time (ms); -Infinity when nothing is sealed. */
  sealedMax: number;
  /** A sample was written at or before sealedMax: it must be merged into existing chunks. */
  late: boolean;
  /** seal() skips the series until its `before` passes this (ms); set by the sealer's plan. */
  retryAfter: number;
}

export class HeadState {
  readonly map = new Map<number, HeadInfo>();
  private readonly st;

  /** @param chunkSamples samples that fill a chunk: reaching it makes a series worth sealing */
  constructor(
    db: Database.Database,
    private readonly chunkSamples: number,
  ) {
    this.st = {
      heads: db.prepare<[], { id: number; min: number; n: number }>('SELECT series_id AS id, min(t) AS min, count(*) AS n FROM head GROUP BY series_id'),
      sealed: db.prepare<[], { id: number; max: number }>('SELECT series_id AS id, max(t_max) AS max FROM chunks GROUP BY series_id'),
      one: db.prepare<[number], { min: number | null; n: number }>('SELECT min(t) AS min, count(*) AS n FROM head WHERE series_id = ?'),
      oneSealed: db.prepare<[number], { max: number | null }>(
        'SELECT t_max AS max FROM chunks WHERE series_id = ? ORDER BY t_min DESC LIMIT 1',
      ),
    };
    for (const r of this.st.sealed.all()) this.get(r.id).sealedMax = r.max;
    for (const r of this.st.heads.all()) Object.assign(this.get(r.id), { min: r.min, count: r.n });
  }

  get(id: number): HeadInfo {
    let h = this.map.get(id);
    if (!h) {
      h = { min: Infinity, count: 0, sealedMax: -Infinity, late: false, retryAfter: -Infinity };
      this.map.set(id, h);
    }
    return h;
  }

  noteWrite(id: number, minT: number, maxT: number, n: number): void {
    const h = this.get(id);
    if (h.count === 0) h.retryAfter = -Infinity; // why: an empty head had no plan; look once it is due
    if (minT < h.min) h.min = minT;
    const before = h.count;
    h.count += n;
    // why: the chunk-filling sample is in this write, at or before maxT
    if (before < this.chunkSamples && h.count >= this.chunkSamples && maxT < h.retryAfter) h.retryAfter = maxT;
    if (minT <= h.sealedMax) h.late = true;
  }

  /** Re-reads one series from the file (after sealing it or deleting its rows). */
  refresh(id: number): void {
    const r = this.st.one.get(id);
    const s = this.st.oneSealed.get(id);
    const h = this.get(id);
    h.min = r?.min ?? Infinity;
    h.count = r?.n ?? 0;
    h.sealedMax = s?.max ?? -Infinity;
    h.late = false;
  }

  forget(ids: readonly number[]): void {
    for (const id of ids) this.map.delete(id);
  }
}
