// The X screen's size, for a kiosk box with no window manager: there Chromium's --kiosk asks for full
// screen and nobody grants it, so the window is also placed and sized to cover the screen.
import { execFileSync } from 'node:child_process';

export interface ScreenSize {
  width: number;
  height: number;
}

/** From `xdpyinfo` output: "dimensions:    1920x1080 pixels (508x285 millimeters)". */
export function parseXdpyinfo(text: string): ScreenSize | undefined {
  const m = /dimensions:\s+(\d+)x(\d+) pixels/.exec(text);
  if (!m) return undefined;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The first X screen's size, or undefined when not on X or xdpyinfo (x11-utils) is absent: then a window manager has to do it. */
export function xScreenSize(env: NodeJS.ProcessEnv = process.env, platform = process.platform): ScreenSize | undefined {
  if (platform !== 'linux' || !env.DISPLAY) return undefined;
  try {
    return parseXdpyinfo(execFileSync('xdpyinfo', { env, encoding: 'utf8', timeout: 2_000, stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return undefined;
  }
}
