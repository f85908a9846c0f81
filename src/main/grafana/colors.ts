// Grafana colours (its named palette, hex, rgb()/rgba()) → the board's #rrggbb.
import { own } from './own';

const HUES: Record<string, readonly [string, string, string, string, string]> = {
  // super-light, light, base, semi-dark, dark: Grafana's classic palette
  red: ['#ffa6b0', '#ff7383', '#f2495c', '#e02f44', '#c4162a'],
  orange: ['#ffcb7d', '#ffb357', '#ff9830', '#ff780a', '#fa6400'],
  yellow: ['#fff899', '#ffee52', '#fade2a', '#f2cc0c', '#e0b400'],
  green: ['#c8f2c2', '#96d98d', '#73bf69', '#56a64b', '#37872d'],
  blue: ['#c0d8ff', '#8ab8ff', '#5794f2', '#3274d9', '#1f60c4'],
  purple: ['#deb6f2', '#ca95e5', '#b877d9', '#a352cc', '#8f3bb8'],
};
const SHADES = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'];
const OTHERS: Record<string, string> = { white: '#ffffff', black: '#000000', transparent: '', text: '' };

const hex2 = (n: number): string => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');

/** `#rrggbb`, or undefined for a colour with no fixed value (transparent, the theme's text colour). */
export function grafanaColor(raw: string): string | undefined {
  const c = raw.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/.exec(c);
  if (hex) {
    const h = hex[1] as string;
    return `#${h.length === 3 ? [...h].map((x) => x + x).join('') : h}`;
  }
  const rgb = /^rgba?\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)/.exec(c);
  if (rgb) return `#${hex2(Number(rgb[1]))}${hex2(Number(rgb[2]))}${hex2(Number(rgb[3]))}`;
  for (const [hue, shades] of Object.entries(HUES)) {
    const i = SHADES.findIndex((s) => c === `${s}${hue}`);
    if (i >= 0) return shades[i];
  }
  const other = own(OTHERS, c);
  return other ? other : undefined;
}
