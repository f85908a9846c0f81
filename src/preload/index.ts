// The bridge: exposes a typed `window.wallboard` and nothing else (never ipcRenderer itself).
import { contextBridge, ipcRenderer } from 'electron';
import type { EngineEvents, EngineRequests, EventName, RequestName } from '../shared/api';

const bridge = {
  request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']> {
    return ipcRenderer.invoke('wallboard:request', name, args) as Promise<EngineRequests[K]['result']>;
  },
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    const channel = `wallboard:${event}`;
    const wrapped = (_e: unknown, payload: EngineEvents[E]): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('wallboard', bridge);
