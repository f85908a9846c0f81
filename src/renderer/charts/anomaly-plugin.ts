// Anomaly overlay for uPlot: shaded bands where a series' anomaly score is high (under the lines)
// and ringed markers on the points the detector flagged (over the lines). The overlay is computed
// when the store's anomalies change (see panelAnomalyOverlay); drawing only maps it to pixels.
import uPlot from 'uplot';
import type { PanelAnomalyOverlay } from './anomaly-spans';

export interface AnomalyColors {
  band: string; // fill of shaded spans, with alpha
  marker: string;
  outline: string; // ring around a marker, the panel background, so it reads on top of the line
}

/** Index of the x value closest to `x` (s), or -1 when further than `maxDist` (s). */
export function closestIndex(xs: ArrayLike<number>, x: number, maxDist: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid;
    else hi = mid;
  }
  const best = Math.abs((xs[lo] as number) - x) <= Math.abs((xs[hi] as number) - x) ? lo : hi;
  return Math.abs((xs[best] as number) - x) <= maxDist ? best : -1;
}

export function anomalyPlugin(getOverlay: () => PanelAnomalyOverlay, colors: AnomalyColors, markerRadiusPx = 6): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: [
        (u: uPlot) => {
          const { spans } = getOverlay();
          if (spans.length === 0) return;
          const { ctx } = u;
          const { left, top, width, height } = u.bbox; // canvas px
          ctx.save();
          ctx.fillStyle = colors.band;
          for (const [from, to] of spans) {
            const x0 = Math.max(left, u.valToPos(from / 1000, 'x', true));
            const x1 = Math.min(left + width, u.valToPos(to / 1000, 'x', true));
            // why: at 24 h on a small panel one 15 s sample is < 1 px; keep it visible
            if (x1 >= left && x0 <= left + width) ctx.fillRect(x0, top, Math.max(x1 - x0, 2 * uPlot.pxRatio), height);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u: uPlot) => {
          const { markers } = getOverlay();
          if (markers.length === 0) return;
          const xs = u.data[0];
          if (xs.length === 0) return;
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const r = markerRadiusPx * uPlot.pxRatio;
          const maxDist = xs.length > 1 ? ((xs[xs.length - 1] as number) - (xs[0] as number)) / (xs.length - 1) : 0;
          ctx.save();
          ctx.lineWidth = 2 * uPlot.pxRatio;
          ctx.fillStyle = colors.marker;
          ctx.strokeStyle = colors.outline;
          for (const m of markers) {
            const ys = u.data[m.seriesIdx];
            const s = u.series[m.seriesIdx];
            if (!ys || !s || s.show === false) continue;
            const idx = closestIndex(xs, m.t / 1000, maxDist);
            const v = idx >= 0 ? ys[idx] : null;
            if (v === null || v === undefined) continue;
            const cx = u.valToPos(m.t / 1000, 'x', true);
            const cy = u.valToPos(v, s.scale ?? 'y', true);
            if (cx < left || cx > left + width || cy < top || cy > top + height) continue;
            ctx.beginPath();
            ctx.arc(cx, cy, r, 0, 2 * Math.PI);
            ctx.fill();
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
