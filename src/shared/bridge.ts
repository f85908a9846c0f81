// The shape of `window.wallboard`, the preload's bridge (src/preload/index.ts). The renderer uses the
// IPC client when it exists; tests install a bridge of this same shape backed by a real engine.
import type { EngineApi } from './api';

export type WallboardBridge = Pick<EngineApi, 'request' | 'on'>;

/** The IPC channel of requests; events go on `wallboard:<event>`. */
export const REQUEST_CHANNEL = 'wallboard:request';

export function eventChannel(event: string): string {
  return `wallboard:${event}`;
}
