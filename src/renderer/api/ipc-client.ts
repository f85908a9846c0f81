// EngineApi over the preload's bridge (Electron IPC). No HTTP: the link is the process itself, so it
// is open from the start and never lost while the window lives.
import type { EngineEvents, EngineRequests, EventName, RequestName } from '../../shared/api';
import type { WallboardBridge } from '../../shared/bridge';
import { RequestError, type ConnectionState, type WallboardClient } from './client';

// why: Electron wraps a handler's error as "Error invoking remote method 'wallboard:request': Error: <message>"
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

export function createIpcClient(bridge: WallboardBridge, now: () => number = Date.now): WallboardClient {
  const offs = new Set<() => void>();
  const conn: ConnectionState = { state: 'open', since: now(), attempt: 0 };

  return {
    async request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']> {
      try {
        return await bridge.request(name, args);
      } catch (err) {
        const message = (err instanceof Error ? err.message : String(err)).replace(IPC_PREFIX, '');
        // why: same shape as the HTTP client's errors, so the UI shows them the same way
        throw new RequestError(`${name}: ${message}`, 0);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
      const off = bridge.on(event, listener);
      offs.add(off);
      return () => {
        offs.delete(off);
        off();
      };
    },
    onConnection(listener) {
      listener(conn);
      return () => undefined;
    },
    close() {
      for (const off of offs) off();
      offs.clear();
    },
  };
}
