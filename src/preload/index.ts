// The bridge: exposes a typed `window.wallboard` and nothing else (never ipcRenderer itself).
import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, isRequestName, type EngineEvents, type EngineRequests, type EventName, type RequestName } from '../shared/api';
import { eventChannel, REQUEST_CHANNEL, type WallboardBridge } from '../shared/bridge';

const bridge: WallboardBridge = {
  request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']> {
    // why: refused here too, so a typo fails in the renderer with the name rather than as an IPC error
    if (!isRequestName(name)) return Promise.reject(new Error(`unknown request ${String(name)}`));
    return ipcRenderer.invoke(REQUEST_CHANNEL, name, args) as Promise<EngineRequests[K]['result']>;
  },
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    // why: only the engine's event channels; the renderer may not listen on any other IPC channel
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    const channel = eventChannel(event);
    const wrapped = (_e: unknown, payload: EngineEvents[E]): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('wallboard', bridge);
