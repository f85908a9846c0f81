// Wires one client to the store and draws the board.
import { useEffect } from 'react';
import type { BoardView, Snapshot } from '../shared/api';
import type { BootData } from '../shared/boot-data';
import type { WallboardClient } from './api/client';
import { Board } from './board/Board';
import { chartPoints } from '../shared/view/chart-points';
import { useCursorHide } from './board/use-cursor-hide';
import { usePageInAddress } from './board/use-page-address';
import { IncidentsLayer } from './incidents/IncidentsLayer';
import { ReplayControl } from './replay/ReplayBar';
import type { UrlOptions } from '../shared/view/url-options';
import { useWallboard } from './store';
import { startSync } from './store/sync';

export interface AppProps {
  client: WallboardClient;
  options: UrlOptions;
  /** The board, requested before React mounted (saves the mount's time on the first paint). */
  board?: Promise<BoardView>;
  /** The live snapshot serve inlined into the page with the board (used once, by the first load). */
  bootSnapshot?: Snapshot;
  /** The first query and its answer serve inlined (used once, by the first full read when it fits). */
  bootQuery?: BootData['query'];
  /** Keep the page shown in the address (?page=), for the desktop window to reopen on it. */
  rememberPage?: boolean;
}

export function App({ client, options, board, bootSnapshot, bootQuery, rememberPage = false }: AppProps): React.JSX.Element {
  useEffect(() => {
    const s = useWallboard.getState();
    if (options.theme) s.setTheme(options.theme);
    s.setRotate(options.rotate);
    s.setPageFilter(options.pages ?? null);
    if (options.brand) s.setBrandFilter(options.brand);
    // ?page=<id>: start on that page once the board is known
    const offPage = options.page
      ? useWallboard.subscribe(
          (st) => st.board,
          (board) => {
            const i = board?.pages.findIndex((p) => p.id === options.page) ?? -1;
            if (i >= 0) useWallboard.getState().dispatchRotation({ t: 'start', now: performance.now(), index: i });
          },
        )
      : () => undefined;
    const stop = startSync(client, useWallboard, {
      ...(board ? { board } : {}),
      ...(bootSnapshot ? { snapshot: bootSnapshot } : {}),
      ...(bootQuery ? { firstQuery: bootQuery } : {}),
      // why: points a chart can show, not the screen width: a 24 h window then costs a quarter
      // of the bytes and the parsing on an 8-column wall
      maxPoints: (ids) => {
        const st = useWallboard.getState();
        return chartPoints(st.board, st.rotation.index, st.brandFilter, ids, window.innerWidth);
      },
      ...(options.at !== undefined ? { replayAt: options.at } : {}),
      ...(options.windowMs !== undefined ? { windowMs: options.windowMs } : {}),
    });
    return () => {
      stop();
      offPage();
    };
  }, [client, options, board, bootSnapshot, bootQuery]);
  useCursorHide(options.kiosk);
  usePageInAddress(rememberPage);
  return (
    <>
      <Board burnIn={options.burnIn} seconds={options.seconds} />
      <ReplayControl api={client} />
      {/* the incidents toggle sits in the status bar, not floating over panel titles */}
      <IncidentsLayer api={client} toggle={false} />
    </>
  );
}
