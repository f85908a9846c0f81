// The button that opens the incident drawer; shows how many incidents need attention, coloured by
// the worst of them.
import { useMemo } from 'react';
import { openCount } from './incident-view';
import { effectiveIncidents, useIncidents } from './store';
import { useEngineNow } from './use-engine-now';

export function IncidentsToggle({ className }: { className?: string }): React.JSX.Element {
  const list = useIncidents((s) => s.list);
  const overrides = useIncidents((s) => s.overrides);
  const open = useIncidents((s) => s.drawerOpen);
  const toggle = useIncidents((s) => s.toggleDrawer);
  const now = useEngineNow(5_000);
  const { count, worst } = useMemo(() => openCount(effectiveIncidents(list, overrides), now), [list, overrides, now]);
  return (
    <button
      type="button"
      className={`wb-inc-toggle wb-inc-toggle--${worst ?? 'none'}${className ? ` ${className}` : ''}`}
      data-testid="incidents-toggle"
      data-count={count}
      aria-expanded={open}
      aria-label={`${count} open incidents`}
      onClick={toggle}
    >
      <span className="wb-inc-toggle__count">{count}</span>
      <span className="wb-inc-toggle__label">{count === 1 ? 'incident' : 'incidents'}</span>
    </button>
  );
}
