// Every panel's frame: title, brand accent and name, and a state that is always visible.
import { memo, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Snapshot } from '../../shared/api';
import type { Panel } from '../../shared/config-schema';
import { useWallboard } from '../store';
import { panelDisplayState, staleLabel } from './panel-state';
import { PANEL_REGISTRY } from './registry';
import './panels.css';

// why: a query panel that has its PanelSnapshot only needs to know a snapshot arrived; selecting the
// whole snapshot would re-render it on every tick
const EMPTY_SNAPSHOT: Snapshot = { at: 0, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };

export interface PanelFrameProps {
  panel: Panel;
  pageId: string;
  style?: CSSProperties;
}

function Overlay({ state, reason }: { state: string; reason: string | undefined }): React.JSX.Element | null {
  if (state === 'loading') return <div className="wb-panel__overlay wb-panel__overlay--loading">Loading…</div>;
  if (state === 'nodata') return <div className="wb-panel__overlay wb-panel__overlay--nodata">No data</div>;
  if (state === 'error') {
    return (
      <div className="wb-panel__overlay wb-panel__overlay--error" role="alert">
        <span className="wb-panel__error-title">Error</span>
        <span className="wb-panel__error-reason">{reason ?? 'unknown error'}</span>
      </div>
    );
  }
  return null;
}

export const PanelFrame = memo(function PanelFrame({ panel, pageId, style }: PanelFrameProps): React.JSX.Element {
  // why: each selected part keeps its identity between ticks unless it changed (store/share.ts),
  // so a live update re-renders only the panels whose data changed
  const { board, ps, snapshot } = useWallboard(
    useShallow((s) => ({
      board: s.board,
      ps: s.snapshot?.panels[panel.id],
      // list panels derive their state from the feeding sources; query panels only need "loaded yet?"
      snapshot: panel.type === 'alertlist' || panel.type === 'health' || !s.snapshot?.panels[panel.id] ? s.snapshot : null,
    })),
  );
  const loaded = useWallboard((s) => s.snapshot !== null);
  const ds = panelDisplayState(board, panel, ps, snapshot ?? (loaded ? EMPTY_SNAPSHOT : null));
  const brandId = panel.brand ?? panel.filter?.brand;
  const brand = brandId ? board?.brands.find((b) => b.id === brandId) : undefined;
  const Body = PANEL_REGISTRY[panel.type];
  const frameStyle = { ...style, ...(brand ? { '--brand': brand.color } : {}) } as CSSProperties;
  return (
    <section
      className={`wb-panel wb-panel--${ds.state} wb-panel--${panel.type}${brand ? ' wb-panel--branded' : ''}`}
      data-testid="panel"
      data-panel-id={panel.id}
      data-state={ds.state}
      data-type={panel.type}
      style={frameStyle}
    >
      <header className="wb-panel__head">
        <span className="wb-panel__title">{panel.title ?? panel.id}</span>
        {ds.state === 'stale' && (
          <span className="wb-panel__stale" title={ds.reason}>
            STALE · {staleLabel(ds.ageMs)}
          </span>
        )}
        {ps?.anomaly && ds.state === 'ok' && (
          <span className="wb-panel__anomaly" data-testid="anomaly-marker" title={ps.anomaly.explanation}>
            ◆ {ps.anomaly.explanation}
          </span>
        )}
        {brand && <span className="wb-panel__brand">{brand.name}</span>}
      </header>
      <div className="wb-panel__body">
        <Body panel={panel} pageId={pageId} {...(brand ? { brand } : {})} {...(ps ? { snapshot: ps } : {})} />
      </div>
      {ps?.forecast && ds.state === 'ok' && (
        <footer className="wb-panel__forecast" data-testid="forecast">
          {ps.forecast}
        </footer>
      )}
      <Overlay state={ds.state} reason={ds.reason} />
    </section>
  );
});

