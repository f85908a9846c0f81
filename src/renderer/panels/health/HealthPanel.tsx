// health: one tile per target with its debounced state, latency and per-service states.
import { useRef, type CSSProperties } from 'react';
import type { BoardView } from '../../../shared/api';
import type { Panel } from '../../../shared/config-schema';
import type { HealthResult } from '../../../shared/model';
import { useWallboard } from '../../store';
import type { PanelProps } from '../types';
import { useBoxSize } from '../use-box-size';
import { tileColumns } from './tile-grid';
import './health.css';

interface Target {
  id: string;
  name: string;
}

/** The panel's targets: listed ones, else every target of its brand, else all. */
export function healthTargets(board: BoardView | null, panel: Panel, results: HealthResult[]): Target[] {
  const known = new Map<string, Target>();
  for (const t of board?.healthTargets ?? []) {
    if (!panel.targets && panel.brand && t.brand !== panel.brand) continue;
    known.set(t.id, { id: t.id, name: t.name });
  }
  // why: the demo source (and any source) may report targets the board does not list
  for (const r of results) {
    if (!known.has(r.targetId) && !panel.targets && (!panel.brand || r.brand === panel.brand)) {
      known.set(r.targetId, { id: r.targetId, name: r.name ?? r.targetId });
    }
  }
  if (panel.targets) {
    return panel.targets.map((id) => known.get(id) ?? { id, name: results.find((r) => r.targetId === id)?.name ?? id });
  }
  return [...known.values()];
}

const STATE_LABEL = { healthy: 'UP', degraded: 'DEGRADED', unhealthy: 'DOWN' } as const;

function Tile({ target, result }: { target: Target; result: HealthResult | undefined }): React.JSX.Element {
  const state = result?.state ?? 'pending';
  const services = Object.entries(result?.services ?? {});
  const detail = result?.error ?? result?.failures[0];
  return (
    <div className={`wb-health__tile wb-health__tile--${state}`} data-testid="health-target" data-target-id={target.id} data-health={state}>
      <div className="wb-health__top">
        <span className="wb-health__name" dir="auto">{target.name}</span>
        <span className="wb-health__state">{result ? STATE_LABEL[result.state] : 'PENDING'}</span>
      </div>
      <div className="wb-health__meta">
        {result?.latencyMs !== null && result?.latencyMs !== undefined && <span>{Math.round(result.latencyMs)} ms</span>}
        {result?.httpStatus !== undefined && <span>HTTP {result.httpStatus}</span>}
        {detail && state !== 'healthy' && <span className="wb-health__detail" dir="auto">{detail}</span>}
      </div>
      {services.length > 0 && (
        <div className="wb-health__services">
          {services.map(([name, s]) => (
            <span key={name} className={`wb-health__svc wb-health__svc--${s}`} title={`${name}: ${s}`} dir="auto">
              {name}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

export function HealthPanel({ panel }: PanelProps): React.JSX.Element {
  const board = useWallboard((s) => s.board);
  const results = useWallboard((s) => s.snapshot?.health) ?? [];
  const targets = healthTargets(board, panel, results);
  const byId = new Map(results.map((r) => [r.targetId, r]));
  const ref = useRef<HTMLDivElement>(null);
  const box = useBoxSize(ref);
  // why: a grid of equal tiles shaped for the box fills it at any target count without scrolling
  const cols = tileColumns(targets.length, box.width, box.height);
  const rows = Math.max(1, Math.ceil(targets.length / cols));
  if (targets.length === 0) return <div className="wb-health__empty">No health targets</div>;
  return (
    <div className="wb-health" ref={ref} style={{ '--cols': cols, '--rows': rows } as CSSProperties}>
      {targets.map((t) => (
        <Tile key={t.id} target={t} result={byId.get(t.id)} />
      ))}
    </div>
  );
}
