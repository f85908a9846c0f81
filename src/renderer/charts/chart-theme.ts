// Chart colours and sizes come from CSS variables on the chart's container (theme.css defines
// them per theme), read once when a chart is built; canvas drawing cannot use var() itself.
import type { Severity } from '../../shared/config-schema';

export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  panelBg: string;
  severity: Record<Severity, string>;
  /** px: axis tick label size, scaled with the screen through the container's font size. */
  axisFontPx: number;
  fontFamily: string;
}

// why: fallbacks keep a chart readable (dark) if theme.css is missing or a variable is unset
const FALLBACK = {
  fg: '#d8d9da',
  muted: '#8e8e8e',
  grid: 'rgba(255, 255, 255, 0.12)',
  bg: '#111217',
  panelBg: '#181b1f',
  ok: '#73bf69',
  warning: '#fade2a',
  high: '#ff9830',
  critical: '#f2495c',
  info: '#5794f2',
} as const;

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** Axis labels at ~80 % of the panel's body text, never below 11 px. */
export function axisFontSize(containerFontPx: number): number {
  const base = Number.isFinite(containerFontPx) && containerFontPx > 0 ? containerFontPx : 16;
  return Math.max(11, Math.round(base * 0.8));
}

// why: reading computed style forces a style recalculation when the DOM changed since the last
// read, and 40 charts mounting in one commit each change it; they share one read per task
let cached: { key: string; theme: ChartTheme } | null = null;

/**
 * The theme as CSS variables on `el` say it. Charts mounting in the same task share one read,
 * keyed by `key` (the theme name): every chart body on a page has the same variables and font.
 */
export function readChartTheme(el: Element, key = ''): ChartTheme {
  if (cached && cached.key === key) return cached.theme;
  const theme = readUncached(el);
  cached = { key, theme };
  setTimeout(() => {
    cached = null;
  }, 0);
  return theme;
}

function readUncached(el: Element): ChartTheme {
  const s = getComputedStyle(el);
  return {
    fg: cssVar(s, '--fg', FALLBACK.fg),
    muted: cssVar(s, '--muted', FALLBACK.muted),
    grid: cssVar(s, '--grid', FALLBACK.grid),
    bg: cssVar(s, '--bg', FALLBACK.bg),
    panelBg: cssVar(s, '--panel-bg', FALLBACK.panelBg),
    severity: {
      info: cssVar(s, '--info', FALLBACK.info),
      warning: cssVar(s, '--warning', FALLBACK.warning),
      high: cssVar(s, '--high', FALLBACK.high),
      critical: cssVar(s, '--critical', FALLBACK.critical),
    },
    // why: the computed font-size already includes theme.css's clamp() on vw/vh and --font-scale
    axisFontPx: axisFontSize(parseFloat(s.fontSize)),
    fontFamily: s.fontFamily || 'system-ui, sans-serif',
  };
}
