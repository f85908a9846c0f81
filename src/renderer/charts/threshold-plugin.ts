// Threshold lines: dashed horizontals at the panel's threshold values in severity colours, drawn
// after the grid and before the series so the data line stays on top.
import uPlot from 'uplot';

export interface ThresholdLine {
  value: number;
  color: string;
}

export function thresholdPlugin(lines: readonly ThresholdLine[], scaleKey = 'y'): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: [
        (u: uPlot) => {
          if (lines.length === 0) return;
          const { ctx } = u;
          const { left, top, width, height } = u.bbox; // canvas px
          const px = uPlot.pxRatio;
          ctx.save();
          ctx.lineWidth = 2 * px;
          ctx.setLineDash([10 * px, 6 * px]);
          for (const line of lines) {
            const y = Math.round(u.valToPos(line.value, scaleKey, true));
            if (!Number.isFinite(y) || y < top || y > top + height) continue;
            ctx.strokeStyle = line.color;
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
