// The stat box's size as CSS variables (`--stat-w`, `--stat-h`, px), kept by one ResizeObserver
// for every stat panel. The value is sized from the box (what `cq` units did): a size container
// re-resolved its descendants' styles on every layout, so each live tick that changed a stat's
// text re-styled and re-laid out the whole stat; a size known in px also lets the stat's content
// box be a relayout boundary (see stat.css), so a new value lays out that box alone.

/** The stat boxes observed (only these are ever passed to `shared.observe`). */
const boxes = new Set<HTMLElement>();
let shared: ResizeObserver | null = null;

/** Keeps `--stat-w`/`--stat-h` on `el` equal to its content-box size; returns the unobserve. */
export function observeStatSize(el: HTMLElement): () => void {
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  shared ??= new ResizeObserver((entries) => {
    for (const e of entries) {
      const box = e.target as HTMLElement;
      if (!boxes.has(box)) continue;
      // why: whole px, so sub-pixel jitter of the grid does not restyle the stat
      box.style.setProperty('--stat-w', `${Math.round(e.contentRect.width)}px`);
      box.style.setProperty('--stat-h', `${Math.round(e.contentRect.height)}px`);
    }
  });
  boxes.add(el);
  shared.observe(el);
  return () => {
    boxes.delete(el);
    shared?.unobserve(el);
  };
}
