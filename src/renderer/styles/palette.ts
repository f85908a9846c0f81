// The theme colours as values, for canvases (uPlot, sparklines) that cannot read CSS variables.
// Keep in step with styles/theme.css.
import type { Severity } from '../../shared/config-schema';

export interface Palette {
  bg: string;
  panelBg: string;
  fg: string;
  muted: string;
  ok: string;
  grid: string;
  severity: Record<Severity, string>;
}

export const PALETTES: Record<'dark' | 'light', Palette> = {
  dark: {
    bg: '#0b0f14',
    panelBg: '#141a22',
    fg: '#e6edf3',
    muted: '#8b98a5',
    ok: '#3fb950',
    grid: '#263040',
    severity: { critical: '#ff5a52', high: '#f0883e', warning: '#e3b341', info: '#58a6ff' },
  },
  light: {
    bg: '#eef1f5',
    panelBg: '#ffffff',
    fg: '#1f2328',
    muted: '#59636e',
    ok: '#1a7f37',
    grid: '#d0d7de',
    severity: { critical: '#cf222e', high: '#bc4c00', warning: '#9a6700', info: '#0969da' },
  },
};
