// The one interface the renderer reads the engine through. The HTTP + SSE client implements it for
// browsers and `wallboard serve`; the IPC client implements it inside Electron.
import type { EngineApi } from '../../shared/api';

export interface ConnectionState {
  state: 'connecting' | 'open' | 'lost';
  /** unix ms when this state began */
  since: number;
  /** Reconnect attempts since the link was lost. */
  attempt: number;
  /** unix ms of the next reconnect attempt, when one is scheduled. */
  retryAt?: number;
}

export interface WallboardClient extends EngineApi {
  /** Connection to the engine's event stream; the listener is called at once with the current state. */
  onConnection(listener: (c: ConnectionState) => void): () => void;
  close(): void;
}

/** A request error with the server's own message (always text, never HTML). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
