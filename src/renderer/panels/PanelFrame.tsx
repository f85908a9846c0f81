// Every panel's frame: title, brand accent and name, and a state that is always visible.
import { memo, useRef, type CSSProperties } from 'react';
import type { BoardView, PanelSnapshot, Snapshot } from '../../shared/api';
import type { PanelState } from '../../shared/model';
import type { Panel } from '../../shared/config-schema';
import { PANEL_TYPE_INFO } from '../../shared/panel-types';
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

interface FrameSelection {
  board: BoardView | null;
  state: PanelState;
  reason: string | undefined;
  staleText: string | undefined;
  anomaly: string | undefined;
  forecast: string | undefined;
  ps: PanelSnapshot | undefined;
}

function sameSelection(a: FrameSelection, b: FrameSelection): boolean {
  return a.board === b.board && a.state === b.state && a.reason === b.reason && a.staleText === b.staleText && a.anomaly === b.anomaly && a.forecast === b.forecast && a.ps === b.ps;
}

export const PanelFrame = memo(function PanelFrame({ panel, pageId, style }: PanelFrameProps): React.JSX.Element {
  // why: the frame selects what it draws (state, reason, stale label) rather than the snapshot,
  // and only bodies that show values get theirs: each tick brings every panel a new newest value,
  // and a timeseries frame re-rendering for a value it does not show was 30 renders per tick
  // why: the selection depends on the board and the snapshot only; a live tick also sets series
  // and range, and recomputing 40 frames' selections for those was wasted work in the tick
  const last = useRef<{ panel: Panel; board: unknown; snapshot: unknown; out: FrameSelection } | null>(null);
  const { board, state, reason, staleText, anomaly, forecast, ps } = useWallboard((s): FrameSelection => {
    const m = last.current;
    if (m && m.panel === panel && m.board === s.board && m.snapshot === s.snapshot) return m.out;
    const mine = s.snapshot?.panels[panel.id];
    // list panels derive their state from the feeding sources; query panels only need "loaded yet?"
    const shows = PANEL_TYPE_INFO[panel.type].data;
    const snapshot = shows === 'alerts' || shows === 'health' || !mine ? s.snapshot : null;
    const d = panelDisplayState(s.board, panel, mine, snapshot ?? (s.snapshot !== null ? EMPTY_SNAPSHOT : null));
    const out: FrameSelection = {
      board: s.board,
      state: d.state,
      reason: d.reason,
      staleText: d.state === 'stale' ? staleLabel(d.ageMs) : undefined,
      // strings, not the objects: a new snapshot brings new objects with the same text
      anomaly: mine?.anomaly?.explanation,
      forecast: mine?.forecast,
      ps: PANEL_REGISTRY[panel.type].snapshotProp ? mine : undefined,
    };
    // why: the same object when nothing shown changed, so the store's identity check ends it
    // (a generic shallow compare of 40 selections per tick was a measurable part of a tick)
    const same = m !== null && m.panel === panel && sameSelection(m.out, out);
    last.current = { panel, board: s.board, snapshot: s.snapshot, out: same ? m.out : out };
    return last.current.out;
  });
  const brandId = panel.brand ?? panel.filter?.brand;
  const brand = brandId ? board?.brands.find((b) => b.id === brandId) : undefined;
  const { Body } = PANEL_REGISTRY[panel.type];
  const frameStyle = { ...style, ...(brand ? { '--brand': brand.color } : {}) } as CSSProperties;
  return (
    <section
      className={`wb-panel wb-panel--${state} wb-panel--${panel.type}${brand ? ' wb-panel--branded' : ''}`}
      data-testid="panel"
      data-panel-id={panel.id}
      data-state={state}
      data-type={panel.type}
      style={frameStyle}
    >
      <header className="wb-panel__head">
        <span className="wb-panel__title">{panel.title ?? panel.id}</span>
        {state === 'stale' && (
          <span className="wb-panel__stale" title={reason}>
            STALE · {staleText}
          </span>
        )}
        {anomaly !== undefined && state === 'ok' && (
          <span className="wb-panel__anomaly" data-testid="anomaly-marker" title={anomaly}>
            ◆ {anomaly}
          </span>
        )}
        {brand && <span className="wb-panel__brand">{brand.name}</span>}
      </header>
      <div className="wb-panel__body">
        <Body panel={panel} pageId={pageId} {...(brand ? { brand } : {})} {...(ps ? { snapshot: ps } : {})} />
      </div>
      {forecast && state === 'ok' && (
        <footer className="wb-panel__forecast" data-testid="forecast">
          {forecast}
        </footer>
      )}
      <Overlay state={state} reason={reason} />
    </section>
  );
});

