import { ConfigError, createEngine } from '../engine/index';
import { defaultDataDir, rendererDir } from '../engine/paths';
import { isLoopback, startServer } from '../server/index';

export interface ServeArgs {
  config?: string;
  port: number;
  host: string;
  dataDir?: string;
  token?: string;
}

const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
};

export async function serveCommand(args: ServeArgs): Promise<number> {
  const token = args.token ?? process.env.WALLBOARD_TOKEN;
  const dataDir = args.dataDir ?? defaultDataDir();
  let engine;
  try {
    engine = createEngine({ ...(args.config ? { configFile: args.config } : {}), dataDir, log });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.lines.join('\n')}\n`);
      return 1;
    }
    process.stderr.write(`wallboard: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  if (!isLoopback(args.host) && token === undefined) {
    log(`warning: bound to ${args.host} without a token: every API request will get 401 until you restart with --token or WALLBOARD_TOKEN`);
  }
  engine.start();
  let server;
  try {
    server = await startServer({ engine, host: args.host, port: args.port, ...(token !== undefined ? { token } : {}), ...(rendererDir() ? { rendererDir: rendererDir() as string } : {}) });
  } catch (err) {
    process.stderr.write(`wallboard: cannot listen on ${args.host}:${args.port}: ${(err as Error).message}\n`);
    await engine.stop();
    return 1;
  }
  log(`wallboard serving ${engine.configFile} at ${server.url} (buffer: ${dataDir})`);
  await new Promise<void>((resolve) => {
    const shutdown = (): void => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  log('stopping');
  await server.close();
  await engine.stop();
  return 0;
}
