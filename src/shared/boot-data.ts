import type { BoardView, QueryRequest, QueryResult, Snapshot } from './api-types';

/**
 * What `wallboard serve` inlines into the wall's HTML (a `<script type="application/json">` with
 * this id, never executed) so the first paint needs no round trip: the answers of the `board`,
 * `snapshot` and first `query` requests as of the page's load. Only without a token (see
 * src/main/server/boot-page.ts); the renderer asks as usual for what is absent.
 */
export interface BootData {
  board: BoardView;
  snapshot: Snapshot;
  /** The first read of the page the address shows (src/shared/view/first-read.ts) and its answer, ending at snapshot.at. */
  query?: { args: QueryRequest; result: QueryResult };
  /** The last event id sent before these were read: the wall's event stream resumes after it, so no update in between is lost. */
  eventId?: number;
}
export const BOOT_ELEMENT_ID = 'wallboard-boot';
