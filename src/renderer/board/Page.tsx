// One page: a 24-column grid whose rows share the screen height, so it always fits without scrolling.
import { memo, useMemo, type CSSProperties } from 'react';
import type { Page as PageConfig, Panel } from '../../shared/config-schema';
import { PanelFrame } from '../panels/PanelFrame';
import { COLUMNS, layoutPanels, layoutRows } from '../../shared/view/grid';

export interface PageProps {
  page: PageConfig;
  panels: Panel[];
  /** With a brand filter the board's own grid would leave holes, so panels are laid out afresh. */
  relayout: boolean;
}

export const Page = memo(function Page({ page, panels, relayout }: PageProps): React.JSX.Element {
  const cells = useMemo(() => layoutPanels(panels, relayout), [panels, relayout]);
  const rows = layoutRows(cells);
  return (
    <div
      className="wb-page"
      data-testid="page"
      data-page-id={page.id}
      style={{ gridTemplateColumns: `repeat(${COLUMNS}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` } as CSSProperties}
    >
      {panels.map((p) => {
        const c = cells.get(p.id);
        const style: CSSProperties = c ? { gridColumn: `${c.x + 1} / span ${c.w}`, gridRow: `${c.y + 1} / span ${c.h}` } : {};
        return <PanelFrame key={p.id} panel={p} pageId={page.id} style={style} />;
      })}
    </div>
  );
});
