import { readFileSync } from 'node:fs';
import { ConfigError, createEngine, type Engine, type EngineOptions } from '../engine/index';
import { openRecording } from '../engine/recording/open';
import { replayEngineOptions } from '../engine/recording/replay-options';
import { defaultDataDir, rendererDir } from '../engine/paths';
import { isLoopback, startServer, type RunningServer } from '../server/index';
import { limitsFromEnv } from '../server/limits';

export interface ServeArgs {
  config?: string;
  port: number;
  host: string;
  dataDir?: string;
  token?: string;
  tokenFile?: string;
  allowedHost?: string[];
  /** A .wbz recording to replay instead of running the board (read-only). */
  replay?: string;
}

/** What createEngine gets for a recording, or an exit code when it cannot be opened (reason printed). */
function replayEngine(file: string): { options: EngineOptions; dispose(): void } | number {
  const r = openRecording(file);
  if (!r.ok) {
    process.stderr.write(`wallboard: cannot open ${file}: ${r.reason}\n`);
    return 1;
  }
  return { options: replayEngineOptions(r.recording, log), dispose: r.recording.dispose };
}

export const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
};

/**
 * The engine's clock: real time, or (for tests and demos) starting at $WALLBOARD_CLOCK_START (an
 * ISO instant) and running on in real time from there, so a scripted demo incident can be due soon.
 */
export function engineClock(start: string | undefined): (() => number) | undefined {
  if (!start) return undefined;
  const t0 = Date.parse(start);
  if (!Number.isFinite(t0)) throw new Error(`WALLBOARD_CLOCK_START is not a date: ${start}`);
  const real0 = Date.now();
  return () => t0 + (Date.now() - real0);
}

export interface Serving {
  engine: Engine;
  server: RunningServer;
  dataDir: string;
  close(): Promise<void>;
}

/** Engine + HTTP server, as `serve` and `kiosk` run them; an exit code when either cannot start (the reason is printed). */
export async function startServing(args: ServeArgs, extraMetrics?: () => string): Promise<Serving | number> {
  const replay = args.replay !== undefined ? replayEngine(args.replay) : undefined;
  if (typeof replay === 'number') return replay;
  const dataDir = replay?.options.dataDir ?? args.dataDir ?? defaultDataDir();
  const dispose = replay?.dispose ?? (() => undefined);
  let engine: Engine;
  try {
    const now = engineClock(process.env.WALLBOARD_CLOCK_START);
    engine = createEngine(replay?.options ?? { ...(args.config ? { configFile: args.config } : {}), dataDir, log, ...(now ? { now } : {}) });
  } catch (err) {
    dispose();
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.lines.join('\n')}\n`);
      return 1;
    }
    process.stderr.write(`wallboard: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  if (!isLoopback(args.host) && args.token === undefined) {
    log(`warning: bound to ${args.host} without a token: every API request will get 401 until you restart with --token or WALLBOARD_TOKEN`);
  }
  engine.start();
  let server: RunningServer;
  try {
    const renderer = rendererDir();
    server = await startServer({
      engine,
      host: args.host,
      port: args.port,
      ...(args.token !== undefined ? { token: args.token } : {}),
      allowedHosts: args.allowedHost ?? [],
      limits: limitsFromEnv(process.env, log),
      ...(renderer ? { rendererDir: renderer } : {}),
      ...(extraMetrics ? { extraMetrics } : {}),
    });
  } catch (err) {
    process.stderr.write(`wallboard: cannot listen on ${args.host}:${args.port}: ${(err as Error).message}\n`);
    await engine.stop();
    dispose();
    return 1;
  }
  return {
    engine,
    server,
    dataDir,
    async close() {
      await server.close();
      await engine.stop();
      dispose();
    },
  };
}

/** Resolves on SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = (): void => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}

export async function serveCommand(args: ServeArgs): Promise<number> {
  const token = resolveToken(args);
  if (typeof token === 'object') {
    process.stderr.write(`${token.error}\n`);
    return 1;
  }
  const serving = await startServing({ ...args, ...(token !== undefined ? { token } : {}) });
  if (typeof serving === 'number') return serving;
  if (args.replay !== undefined) log(`wallboard replaying the recording ${args.replay} (read-only, nothing is polled) at ${serving.server.url}`);
  else log(`wallboard serving ${serving.engine.configFile} at ${serving.server.url} (buffer: ${serving.dataDir})`);
  await untilSignal();
  log('stopping');
  await serving.close();
  return 0;
}

/** --token, then --token-file, then $WALLBOARD_TOKEN; an unreadable or empty file is an error, not "no token". */
export function resolveToken(args: Pick<ServeArgs, 'token' | 'tokenFile'>, env: NodeJS.ProcessEnv = process.env): string | undefined | { error: string } {
  if (args.token !== undefined) return args.token;
  if (args.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.tokenFile, 'utf8');
    } catch (err) {
      return { error: `${args.tokenFile}:1:1: cannot read the token file: ${(err as Error).message}` };
    }
    const first = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (!first) return { error: `${args.tokenFile}:1:1: the token file is empty` };
    return first;
  }
  const fromEnv = env.WALLBOARD_TOKEN;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
