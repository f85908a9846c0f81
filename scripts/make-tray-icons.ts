// Draws the tray icons (resources/tray/tray-<level>.png and @2x) with the system Chromium: a small
// wall of four tiles whose colour is the worst open incident (the dark theme's severity palette).
// Run: node --import tsx scripts/make-tray-icons.ts
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PALETTES } from '../src/renderer/styles/palette';

const OUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'resources', 'tray');
const sev = PALETTES.dark.severity;
const LEVELS: Record<string, string> = { none: '#8b949e', info: sev.info, warning: sev.warning, high: sev.high, critical: sev.critical };

function svg(color: string, size: number): string {
  // why: four tiles read as "a wall" at 16–32 px where any text or detail would blur
  const tile = (x: number, y: number): string => `<rect x="${x}" y="${y}" width="13" height="13" rx="2.5" fill="${color}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">${tile(2, 2)}${tile(17, 2)}${tile(2, 17)}${tile(17, 17)}</svg>`;
}

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const [scale, suffix] of [[1, ''], [2, '@2x']] as const) {
    const page = await browser.newPage({ viewport: { width: 32, height: 32 }, deviceScaleFactor: scale });
    for (const [level, color] of Object.entries(LEVELS)) {
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg(color, 32)}</body></html>`);
      await page.screenshot({ path: join(OUT, `tray-${level}${suffix}.png`), omitBackground: true, clip: { x: 0, y: 0, width: 32, height: 32 } });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(`tray icons written to ${OUT}\n`);
