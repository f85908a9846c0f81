// Caps that keep one client (or one hostile page) from exhausting the server. Each has a default
// that fits a large wall and an environment variable to raise it; a refusal names both.

export interface ServerLimits {
  /** distinct panels in one /api/query */
  maxQueryPanels: number;
  /** bytes of one JSON response */
  maxResponseBytes: number;
  /** open /api/events streams */
  maxSseClients: number;
  /** bytes queued for one SSE client that does not read; past this it is dropped (it resumes on reconnect) */
  maxSseBufferBytes: number;
}

export const LIMIT_ENV: Record<keyof ServerLimits, string> = {
  maxQueryPanels: 'WALLBOARD_MAX_QUERY_PANELS',
  maxResponseBytes: 'WALLBOARD_MAX_RESPONSE_BYTES',
  maxSseClients: 'WALLBOARD_MAX_SSE_CLIENTS',
  maxSseBufferBytes: 'WALLBOARD_MAX_SSE_BUFFER_BYTES',
};

export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  maxQueryPanels: 500,
  maxResponseBytes: 64 * 1024 * 1024,
  maxSseClients: 256, // why: a NOC hub serves 50–200 walls off one serve (README), with laptops besides
  maxSseBufferBytes: 8 * 1024 * 1024,
};

/** Defaults, overridden by positive integers in the environment (anything else is ignored with a log line). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => undefined): ServerLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof ServerLimits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (Number.isSafeInteger(n) && n > 0) out[key] = n;
    else log(`ignoring ${LIMIT_ENV[key]}=${raw}: not a positive integer (using ${out[key]})`);
  }
  return out;
}

/** "… (limit N, set WALLBOARD_X to raise it)" */
export function limitHint(limits: ServerLimits, key: keyof ServerLimits): string {
  return `limit ${limits[key]}; set ${LIMIT_ENV[key]} to raise it`;
}
