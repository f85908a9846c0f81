// Real Prometheus, Alertmanager and node_exporter (the Debian binaries) on free loopback ports with
// temp dirs, for integration tests and fixture recording. Every start waits for readiness; every
// process is stopped by stopAll() (call it in afterAll) and, as a last resort, by a process exit hook.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, startProcess, tempDir, track, untrack, type ServerHandle } from './servers-process';

export {
  freePort,
  get,
  getJson,
  sleep,
  stopAll,
  tempDir,
  waitFor,
  waitUntilDown,
  type ServerHandle,
} from './servers-process';

export const BIN = {
  prometheus: '/usr/bin/prometheus',
  alertmanager: '/usr/bin/prometheus-alertmanager',
  nodeExporter: '/usr/bin/prometheus-node-exporter',
  victoriaMetrics: '/usr/bin/victoria-metrics',
};

/** A rule file whose one alert fires at once and forever. */
export const ALWAYS_FIRING_RULES = `groups:
  - name: wallboard-test
    interval: 1s
    rules:
      - alert: AlwaysFiring
        expr: vector(1)
        for: 0s
        labels:
          severity: critical
          brand: bizoholic
        annotations:
          summary: Always firing, for tests
`;

/** host:port from "http://host:port" or "host:port". */
function hostPort(target: string): string {
  return target.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/** extraCollectors: more node_exporter collectors (`uname`, `netdev`, `filesystem`…) beyond the fast default few. */
export function startNodeExporter(opts: { port?: number; extraCollectors?: string[] } = {}): Promise<ServerHandle> {
  return startProcess({
    name: 'node-exporter',
    bin: BIN.nodeExporter,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    // why: only fast collectors; the defaults read disks, systemd and more, slow on a shared box
    args: (port) => [
      `--web.listen-address=127.0.0.1:${port}`,
      '--collector.disable-defaults',
      '--collector.cpu',
      '--collector.loadavg',
      '--collector.meminfo',
      '--collector.stat',
      '--collector.time',
      ...(opts.extraCollectors ?? []).map((c) => `--collector.${c}`),
      '--log.level=warn',
    ],
    readyPath: '/metrics',
  });
}

export interface PrometheusOptions {
  /** "127.0.0.1:9100" or "http://127.0.0.1:9100" */
  scrapeTargets: string[];
  /** YAML text of one rule file. */
  ruleFiles?: string;
  /** Alertmanager URLs or host:port. */
  alertmanagers?: string[];
  /** Scrape and rule evaluation interval, e.g. '1s'. */
  scrapeInterval?: string;
  dataDir?: string;
  port?: number;
  /** More scrape jobs, e.g. Prometheus scraping itself as job "prometheus", or a blackbox probe (metricsPath '/probe', params). */
  extraJobs?: { job: string; targets: string[]; metricsPath?: string; params?: Record<string, string[]> }[];
}

export function startPrometheus(opts: PrometheusOptions): Promise<ServerHandle> {
  const interval = opts.scrapeInterval ?? '1s';
  return startProcess({
    name: 'prometheus',
    bin: BIN.prometheus,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    prepare: (dir) => {
      const config: Record<string, unknown> = {
        global: { scrape_interval: interval, evaluation_interval: interval },
        scrape_configs: [
          { job_name: 'node', static_configs: [{ targets: opts.scrapeTargets.map(hostPort) }] },
          ...(opts.extraJobs ?? []).map((j) => ({
            job_name: j.job,
            static_configs: [{ targets: j.targets.map(hostPort) }],
            ...(j.metricsPath !== undefined ? { metrics_path: j.metricsPath } : {}),
            ...(j.params !== undefined ? { params: j.params } : {}),
          })),
        ],
      };
      if (opts.ruleFiles) {
        writeFileSync(join(dir, 'rules.yml'), opts.ruleFiles);
        config.rule_files = [join(dir, 'rules.yml')];
      }
      if (opts.alertmanagers?.length) {
        config.alerting = { alertmanagers: [{ api_version: 'v2', static_configs: [{ targets: opts.alertmanagers.map(hostPort) }] }] };
      }
      writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    },
    args: (port, dir) => [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // why: the default 1m would delay a re-sent alert after an Alertmanager restart past any test timeout
      '--rules.alert.resend-delay=1s',
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
  });
}

/**
 * Single-node VictoriaMetrics scraping `scrapeTargets` itself (-promscrape.config), serving the
 * Prometheus query API on its root, as a long-term store does for a NOC.
 */
export function startVictoriaMetrics(opts: { scrapeTargets: string[]; scrapeInterval?: string; port?: number }): Promise<ServerHandle> {
  return startProcess({
    name: 'victoria-metrics',
    bin: BIN.victoriaMetrics,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    prepare: (dir) => {
      const config = {
        global: { scrape_interval: opts.scrapeInterval ?? '1s' },
        scrape_configs: [{ job_name: 'node', static_configs: [{ targets: opts.scrapeTargets.map(hostPort) }] }],
      };
      writeFileSync(join(dir, 'scrape.yml'), stringify(config));
    },
    args: (port, dir) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      `-promscrape.config=${join(dir, 'scrape.yml')}`,
      // why: by default VictoriaMetrics hides the newest 30 s of samples from queries (still being
      // ingested by a cluster); a wall wants them, as it gets them from Prometheus
      '-search.latencyOffset=0s',
      '-loggerLevel=WARN',
    ],
    readyPath: '/health',
  });
}

/** Routes everything to a receiver that sends nothing, with 1 s grouping so tests stay short. */
export const DEFAULT_ALERTMANAGER_CONFIG = `route:
  receiver: blackhole
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: blackhole
`;

export function startAlertmanager(opts: { configYaml?: string; dataDir?: string; port?: number } = {}): Promise<ServerHandle> {
  return startProcess({
    name: 'alertmanager',
    bin: BIN.alertmanager,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    prepare: (dir) => writeFileSync(join(dir, 'alertmanager.yml'), opts.configYaml ?? DEFAULT_ALERTMANAGER_CONFIG),
    args: (port, dir) => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // why: empty disables gossip, so nothing listens on 0.0.0.0:9094
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
  });
}

/** An in-process node:http server on 127.0.0.1 for health checks and stubs. */
export async function startHealthServer(handler: http.RequestListener, opts: { port?: number } = {}): Promise<ServerHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = tempDir('health');
  let server: http.Server | undefined;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = http.createServer(handler);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = undefined;
      if (!s) return resolve();
      s.close(() => resolve());
      // why: keep-alive sockets would hold close() open
      s.closeAllConnections();
    });
  const handle: ServerHandle = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    stop: async () => {
      await close();
      untrack(handle);
    },
    kill: () => {
      void close();
    },
    restart: async () => {
      await close();
      await listen();
      track(handle);
    },
  };
  await listen();
  track(handle);
  return handle;
}

