// Gap bands on a uPlot chart: a light band over each span of the window where the chart's source
// gave no data, with the reason written in it when it fits ("source down", "wall not running") and
// in the hover title always. Drawn on the chart's own canvas under the lines, in the same draw as
// the rest (no element or canvas per band); the geometry is gap-bands.ts.
import uPlot from 'uplot';
import { GAP_KIND_LABEL } from '../replay/replay-math';
import { PX_PER_BUCKET } from './decimate';
import { gapBands, labelFits, type ChartGap, type GapBand } from './gap-bands';
import { textWidth } from './text-width';

export interface GapBandStyle {
  fill: Record<ChartGap['kind'], string>;
  label: string;
  /** CSS font of the label, e.g. "bold 16px sans-serif" */
  font: string;
}

export interface GapBandHooks {
  gaps: () => readonly ChartGap[];
  /** s: the source's poll interval; a data-free run shorter than 2.5 of these (or of the drawn step) is no band */
  intervalS: () => number;
  /** After each draw: the bands drawn and the labels written in them (for tests and the title). */
  drawn?: (bands: readonly GapBand[], labels: readonly string[]) => void;
  /** The band under the cursor changed (null: none). */
  hover?: (band: GapBand | null) => void;
}

const NONE: GapBand[] = [];

/** Bands of the chart as drawn now (window and drawn points). */
function bandsOf(u: uPlot, gaps: readonly ChartGap[], intervalS: () => number): GapBand[] {
  const lo = u.scales['x']?.min;
  const hi = u.scales['x']?.max;
  if (gaps.length === 0 || lo === undefined || hi === undefined || lo === null || hi === null || !(hi > lo)) return NONE;
  const widthCss = u.bbox.width / uPlot.pxRatio;
  // why: decimated, two drawn points can lie up to two buckets apart without a hole between them
  const bucketS = widthCss > 0 ? ((hi - lo) * PX_PER_BUCKET) / widthCss : 0;
  return gapBands(gaps, u.data[0], u.data.slice(1), lo, hi, 2.5 * Math.max(intervalS(), bucketS));
}

export function gapBandPlugin(hooks: GapBandHooks, style: GapBandStyle): uPlot.Plugin {
  let bands: GapBand[] = [];
  let hovered: GapBand | null = null;
  return {
    hooks: {
      drawAxes: [
        (u: uPlot) => {
          bands = bandsOf(u, hooks.gaps(), hooks.intervalS);
          const labels: string[] = [];
          if (bands.length > 0) {
            const { ctx } = u;
            const { left, top, width, height } = u.bbox; // canvas px
            const px = uPlot.pxRatio;
            const pad = 6 * px;
            // why kept apart: with bitmap-text.ts the font lives beside the context and restore()
            // does not bring it back; uPlot's axes would then draw in the label's font
            const axisFont = ctx.font;
            ctx.save();
            for (const b of bands) {
              const x0 = Math.max(left, Math.round(u.valToPos(b.from, 'x', true)));
              const x1 = Math.min(left + width, Math.round(u.valToPos(b.to, 'x', true)));
              if (x1 < left || x0 > left + width) continue;
              ctx.fillStyle = style.fill[b.gap.kind];
              // why: a short outage on a long window is under a pixel; keep it visible
              ctx.fillRect(x0, top, Math.max(x1 - x0, 2 * px), height);
              // why the kind's short words: a room reads them; the full reason is in the title
              const text = GAP_KIND_LABEL[b.gap.kind];
              if (!labelFits(x0, x1, textWidth(style.font, text) * px, pad)) continue;
              ctx.font = style.font;
              ctx.fillStyle = style.label;
              ctx.textAlign = 'center';
              ctx.textBaseline = 'top';
              ctx.fillText(text, Math.round((x0 + x1) / 2), Math.round(top + pad));
              labels.push(text);
            }
            ctx.restore();
            ctx.font = axisFont;
          }
          hooks.drawn?.(bands, labels);
        },
      ],
      setCursor: [
        (u: uPlot) => {
          if (!hooks.hover) return;
          const x = u.cursor.left;
          const t = x === undefined || x < 0 ? null : u.posToVal(x, 'x');
          const hit = t === null ? null : (bands.find((b) => b.from <= t && t < b.to) ?? null);
          if (hit === hovered) return;
          hovered = hit;
          hooks.hover(hit);
        },
      ],
    },
  };
}
