// The `wallboard` command: serve | kiosk | check-config | detect | import-grafana. Users see one-line errors, never stacks.
import { Command, InvalidArgumentError } from 'commander';
import { checkConfigCommand } from './check-config';
import { serveCommand } from './serve';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer 0–65535');
  return n;
}

const program = new Command()
  .name('wallboard')
  .description('NOC wall-board: Prometheus, Alertmanager and HTTP health on one screen, with an offline buffer')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the engine headless and serve the wall-board to browsers')
  .option('-c, --config <file>', 'board file (YAML); the built-in demo board when absent')
  .option('-p, --port <port>', 'port to listen on', port, 8080)
  .option('--host <host>', 'address to bind; anything but loopback requires --token', '127.0.0.1')
  .option('-d, --data-dir <dir>', 'where the offline buffer lives (default: the OS app-data dir)')
  .option('--token <token>', 'bearer token required by the API; visible in `ps`, prefer --token-file or $WALLBOARD_TOKEN')
  .option('--token-file <file>', 'read the bearer token from this file (first line)')
  .option('--allowed-host <name>', 'a host name the wall may be reached by, besides IP addresses and localhost (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
  .option('--replay <file.wbz>', 'replay a recording made by `wallboard export` (read-only: nothing is polled, no action is taken)')
  .action(async (o: { config?: string; port: number; host: string; dataDir?: string; token?: string; tokenFile?: string; allowedHost: string[]; replay?: string }) => {
    process.exitCode = await serveCommand(o);
  });

program
  .command('export')
  .description('write the buffer window and the board (without secrets) into one .wbz file, for `serve --replay` elsewhere')
  .option('-c, --config <file>', 'board file (YAML); the built-in demo board when absent')
  .option('--since <duration>', 'how much history to keep, ending at the newest poll in the buffer', '24h')
  .option('-d, --data-dir <dir>', 'where the offline buffer lives (default: the OS app-data dir)')
  .requiredOption('-o, --output <file.wbz>', 'the recording to write')
  .action(async (o: { config?: string; since: string; dataDir?: string; output: string }) => {
    const { exportCommand } = await import('./export');
    process.exitCode = exportCommand(o);
  });

program
  .command('kiosk')
  .description('run the engine and serve on loopback, and the system Chromium/Chrome full screen on the wall, relaunched when it exits')
  .option('-c, --config <file>', 'board file (YAML); the built-in demo board when absent')
  .option('-p, --port <port>', 'loopback port for the API (default: any free port)', port, 0)
  .option('-d, --data-dir <dir>', 'where the offline buffer and the browser profile live (default: the OS app-data dir)')
  .option('--browser <path>', 'browser to run (default: chromium, chromium-browser, google-chrome… found on PATH)')
  .option('--browser-arg <arg>', 'extra browser flag, repeatable: --browser-arg=--force-device-scale-factor=1.5', (v: string, all: string[]) => [...all, v], [] as string[])
  .action(async (o: { config?: string; port: number; dataDir?: string; browser?: string; browserArg: string[] }) => {
    const { kioskCommand } = await import('./kiosk');
    process.exitCode = await kioskCommand(o);
  });

program
  .command('secret')
  .description('secrets for ${keychain:NAME} in a board (the desktop app\'s OS keychain)')
  .command('set')
  .description('store the value read from stdin (never from the command line) under NAME')
  .argument('<name>', 'letters, digits, . _ -')
  .action(async (name: string) => {
    const { secretSetCommand } = await import('./secret');
    process.exitCode = await secretSetCommand(name);
  });

program
  .command('check-config')
  .description('validate a board file: a one-line summary, or every error as file:line:col: message')
  .argument('<file>', 'board file (YAML)')
  .action((file: string) => {
    process.exitCode = checkConfigCommand(file);
  });

program
  .command('detect')
  .description('score a CSV (timestamp,value) for anomalies as live data would be: writes timestamp,value,anomaly_score')
  .argument('<file>', 'CSV file with header timestamp,value')
  .option('-m, --method <method>', 'auto | zscore | seasonal | changepoint', 'auto')
  .option('-s, --sensitivity <level>', 'low | medium | high', 'medium')
  .action(async (file: string, o: { method: string; sensitivity: string }) => {
    const { runDetectCommand } = await import('./detect');
    process.exitCode = await runDetectCommand(file, o, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
    });
  });

program
  .command('import-grafana')
  .description('a board from a Grafana dashboard export (JSON): prints what was imported, approximated and skipped')
  .argument('<dashboard>', 'dashboard JSON (Share → Export, or the HTTP API, with or without the "dashboard" wrapper)')
  .option('-o, --output <file>', 'write the board here (default: stdout); not written on error')
  .option('--prometheus <url>', 'Prometheus to resolve query variables against, and the board\'s source')
  .option('--brand-label <label>', "each panel's brand is this label's value in its query matchers")
  .option('--var <name=value>', 'set a variable (repeat for several values, or for several variables)', (v: string, all: string[]) => [...all, v], [] as string[])
  .action(async (file: string, o: { output?: string; prometheus?: string; brandLabel?: string; var: string[] }) => {
    const { importGrafanaCommand } = await import('./import-grafana');
    process.exitCode = await importGrafanaCommand(file, o, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
    });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`wallboard: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
