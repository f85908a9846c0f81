// stat: the current value, large, in its unit and threshold colour, over a sparkline of the
// visible range, with the change against the same time yesterday. React builds the elements once;
// the value follows the store's snapshot through writeStatView (no React render per tick).
import { useEffect, useRef } from 'react';
import { Sparkline } from '../../charts/Sparkline';
import { useWallboard } from '../../store';
import { PALETTES } from '../../styles/palette';
import type { PanelProps } from '../types';
import { observeStatSize } from './stat-size';
import { statColor, statView, textNode, writeStatView, type StatElements, type StatView } from './stat-view';
import './stat.css';

export function StatPanel({ panel, brand }: PanelProps): React.JSX.Element {
  const theme = useWallboard((s) => s.theme);
  const ref = useRef<HTMLDivElement>(null);
  // why: the sparkline takes the value's colour; it changes with a threshold crossing, not per tick
  const color = useWallboard((s) => statColor(panel, s.snapshot?.panels[panel.id], PALETTES[s.theme], brand));
  useEffect(() => {
    const root = ref.current;
    return root ? observeStatSize(root) : undefined;
  }, []);
  useEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    const q = (cls: string): HTMLElement => root.querySelector(`.${cls}`) as HTMLElement;
    const els: StatElements = {
      root,
      prefix: q('wb-stat__prefix'),
      suffix: q('wb-stat__suffix'),
      name: q('wb-stat__name'),
      change: q('wb-stat__change'),
      texts: {
        prefix: textNode(q('wb-stat__prefix')),
        number: textNode(q('wb-stat__number')),
        suffix: textNode(q('wb-stat__suffix')),
        nameHead: textNode(q('wb-stat__head')),
        nameMore: textNode(q('wb-stat__more')),
        changeArrow: textNode(q('wb-stat__arrow')),
        changeText: textNode(q('wb-stat__pct')),
      },
    };
    let prev: StatView | null = null;
    const palette = PALETTES[theme];
    return useWallboard.subscribe(
      (s) => s.snapshot?.panels[panel.id],
      (ps) => {
        const v = statView(panel, ps, palette, brand);
        writeStatView(els, v, prev);
        prev = v;
      },
      { fireImmediately: true },
    );
  }, [panel, brand, theme]);
  return (
    <div ref={ref} className="wb-stat">
      <div className="wb-stat__spark">
        <Sparkline panelId={panel.id} color={color} />
      </div>
      <div className="wb-stat__main">
        <div className="wb-stat__value" data-testid="stat-value">
          <span className="wb-stat__prefix" hidden />
          <span className="wb-stat__number" />
          <span className="wb-stat__suffix" hidden />
        </div>
        <div className="wb-stat__name" hidden>
          <span className="wb-stat__head" /> <span className="wb-stat__more" />
        </div>
        <div className="wb-stat__change" title="change vs. the same time yesterday" hidden>
          <span className="wb-stat__arrow" /> <span className="wb-stat__pct" /> <span className="wb-stat__vs">vs yesterday</span>
        </div>
      </div>
    </div>
  );
}
