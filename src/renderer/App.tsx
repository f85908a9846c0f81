// Wires one client to the store and draws the board.
import { useEffect } from 'react';
import type { WallboardClient } from './api/client';
import { Board } from './board/Board';
import { IncidentsLayer } from './incidents/IncidentsLayer';
import type { UrlOptions } from './board/url-options';
import { useWallboard } from './store';
import { startSync } from './store/sync';

export interface AppProps {
  client: WallboardClient;
  options: UrlOptions;
}

export function App({ client, options }: AppProps): React.JSX.Element {
  useEffect(() => {
    const s = useWallboard.getState();
    if (options.theme) s.setTheme(options.theme);
    s.setRotate(options.rotate);
    if (options.brand) s.setBrandFilter(options.brand);
    // ?page=<id>: start on that page once the board is known
    const offPage = options.page
      ? useWallboard.subscribe(
          (st) => st.board,
          (board) => {
            const i = board?.pages.findIndex((p) => p.id === options.page) ?? -1;
            if (i >= 0) useWallboard.getState().dispatchRotation({ t: 'goto', now: performance.now() - 60_000, index: i });
          },
        )
      : () => undefined;
    const maxPoints = Math.max(200, Math.min(2_000, Math.round(window.innerWidth)));
    const stop = startSync(client, useWallboard, {
      maxPoints,
      ...(options.at !== undefined ? { replayAt: options.at } : {}),
      ...(options.windowMs !== undefined ? { windowMs: options.windowMs } : {}),
    });
    return () => {
      stop();
      offPage();
    };
  }, [client, options]);
  return (
    <>
      <Board burnIn={options.burnIn} />
      {/* the incidents toggle sits in the status bar, not floating over panel titles */}
      <IncidentsLayer api={client} toggle={false} />
    </>
  );
}
