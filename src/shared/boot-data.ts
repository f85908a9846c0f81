import type { BoardView, Snapshot } from './api-types';

/**
 * What `wallboard serve` inlines into the wall's HTML (a `<script type="application/json">` with
 * this id, never executed) so the first paint needs no board or snapshot round trip: the answers
 * of the `board` and `snapshot` requests as of the page's load. Only without a token (see
 * src/main/server/boot-page.ts); the renderer asks as usual when it is absent.
 */
export interface BootData {
  board: BoardView;
  snapshot: Snapshot;
}
export const BOOT_ELEMENT_ID = 'wallboard-boot';
