// How a series override's `match` names series; its own module so the renderer does not pull the
// board file's zod schemas (and zod) into its bundle for this one function.

/** `/…/flags` is a regular expression (as in Grafana), anything else an exact series name. */
export function seriesNameMatcher(match: string): RegExp | string {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(match);
  return m ? new RegExp(m[1] as string, (m[2] as string).replace('g', '')) : match;
}
