// The imported board's one Prometheus source, as far as mapping needs to know it.

/** ms: the imported board's poll interval (Grafana's default scrape interval). */
export const SOURCE_INTERVAL_MS = 15_000;
