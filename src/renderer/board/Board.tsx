// The wall: banners on top, the current page filling the screen, the status bar at the bottom.
import { useMemo } from 'react';
import { ReplayBar } from '../replay/ReplayBar';
import { useWallboard } from '../store';
import { ConfigErrorBanner, ConnectionBanner } from './Banners';
import { Page } from './Page';
import { StatusBar } from './StatusBar';
import { useBurnIn } from './use-burn-in';
import { useRotation } from './use-rotation';
import { visiblePanels } from '../../shared/view/visible';
import './board.css';

function Splash(): React.JSX.Element {
  const loadError = useWallboard((s) => s.loadError);
  return (
    <div className="wb-splash" data-testid="splash">
      <div className="wb-splash__title">Wallboard</div>
      <div className={loadError ? 'wb-splash__error' : 'wb-splash__hint'}>{loadError ? `Cannot load the board: ${loadError} — retrying` : 'Loading board…'}</div>
    </div>
  );
}

function CurrentPage(): React.JSX.Element | null {
  const board = useWallboard((s) => s.board);
  const index = useWallboard((s) => s.rotation.index);
  const brandFilter = useWallboard((s) => s.brandFilter);
  const panels = useMemo(() => visiblePanels(board, index, brandFilter), [board, index, brandFilter]);
  const page = board?.pages[index] ?? board?.pages[0];
  if (!page) return null;
  return <Page key={page.id} page={page} panels={panels} relayout={brandFilter !== null} />;
}

export function Board({ burnIn = true, seconds = false }: { burnIn?: boolean; seconds?: boolean }): React.JSX.Element {
  const hasBoard = useWallboard((s) => s.board !== null);
  const mode = useWallboard((s) => s.mode);
  const theme = useWallboard((s) => s.theme);
  const connection = useWallboard((s) => s.connection.state);
  useRotation();
  const [dx, dy] = useBurnIn(burnIn);
  return (
    <div className="wb-root" data-testid="wallboard" data-mode={mode} data-theme={theme} data-connection={connection}>
      <div className="wb-shift" style={{ transform: `translate(${dx}px, ${dy}px)` }}>
        <ConnectionBanner />
        <ConfigErrorBanner />
        <main className="wb-main">{hasBoard ? <CurrentPage /> : <Splash />}</main>
        <ReplayBar />
        <StatusBar seconds={seconds} />
      </div>
    </div>
  );
}
