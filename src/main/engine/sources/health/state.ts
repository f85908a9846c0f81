// Health states: reading the common health body, and debouncing results so one slow check does not
// page anyone. Pure; the health source feeds it.
import { z } from 'zod';
import type { HealthState } from '../../../../shared/model';
import { untrustedText } from '../untrusted-text';

const RANK: Record<HealthState, number> = { healthy: 0, degraded: 1, unhealthy: 2 };
export const worst = (a: HealthState, b: HealthState): HealthState => (RANK[a] >= RANK[b] ? a : b);
const mildest = (a: HealthState, b: HealthState): HealthState => (RANK[a] <= RANK[b] ? a : b);

/** The words services use for their own status. Unknown words are not guessed at. */
const WORDS: Record<string, HealthState> = {
  healthy: 'healthy',
  ok: 'healthy',
  up: 'healthy',
  pass: 'healthy',
  passing: 'healthy',
  green: 'healthy',
  degraded: 'degraded',
  warn: 'degraded',
  warning: 'degraded',
  partial: 'degraded',
  yellow: 'degraded',
  unhealthy: 'unhealthy',
  down: 'unhealthy',
  fail: 'unhealthy',
  failed: 'unhealthy',
  failing: 'unhealthy',
  error: 'unhealthy',
  critical: 'unhealthy',
  red: 'unhealthy',
};

export function healthWord(text: unknown): HealthState | undefined {
  return typeof text === 'string' ? WORDS[text.trim().toLowerCase()] : undefined;
}

/** At most this many services are read from one body, and names are cut to this length. */
export const MAX_SERVICES = 200;
const MAX_NAME = 1024;

const serviceEntry = z.union([z.string(), z.object({ status: z.unknown() }).loose()]);
const healthBody = z
  .object({
    status: z.unknown().optional(),
    services: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export interface BodyHealth {
  /** The body's own status word, mapped; undefined when the body says none we know. */
  status?: HealthState;
  /** Per-service states; undefined when the body has no services object. */
  services?: Record<string, HealthState>;
}

/** Reads `{"status": "...", "services": {name: {"status": "..."} | "..."}}`; anything else says nothing. */
export function readHealthBody(json: unknown): BodyHealth {
  const b = healthBody.safeParse(json);
  if (!b.success) return {};
  const out: BodyHealth = {};
  const status = healthWord(b.data.status);
  if (status) out.status = status;
  if (b.data.services) {
    const services: Record<string, HealthState> = {};
    let n = 0;
    for (const [name, raw] of Object.entries(b.data.services)) {
      if (n++ >= MAX_SERVICES) break;
      const e = serviceEntry.safeParse(raw);
      if (!e.success) continue;
      // why: a service whose status word we do not know is not called healthy
      const state = healthWord(typeof e.data === 'string' ? e.data : e.data.status) ?? 'degraded';
      services[untrustedText(name, MAX_NAME)] = state;
    }
    out.services = services;
  }
  return out;
}

/**
 * The state of this check alone. A failed condition or no response → unhealthy; the body's own
 * status counts as is; some services not healthy while the main status is fine → degraded.
 */
export function observedState(conditionsFailed: boolean, responded: boolean, body: BodyHealth): HealthState {
  if (!responded || conditionsFailed) return 'unhealthy';
  let state: HealthState = body.status ?? 'healthy';
  const services = Object.values(body.services ?? {});
  if (services.some((s) => s !== 'healthy')) state = worst(state, 'degraded');
  return state;
}

/**
 * Debounce: the state turns worse only after `failAfter` consecutive worse results, and better only
 * after `recoverAfter` consecutive better ones. It then moves to the mildest (when worsening) or the
 * worst (when recovering) of that run, so it never claims more than every result in the run showed.
 * The first result ever sets the state directly.
 */
export class Debouncer {
  private current: HealthState | undefined;
  private run: HealthState[] = [];
  private direction: 'worse' | 'better' | undefined;

  constructor(
    private readonly failAfter: number,
    private readonly recoverAfter: number,
  ) {}

  get state(): HealthState | undefined {
    return this.current;
  }

  push(observed: HealthState): HealthState {
    if (this.current === undefined || observed === this.current) {
      this.current = observed;
      this.run = [];
      this.direction = undefined;
      return observed;
    }
    const dir = RANK[observed] > RANK[this.current] ? 'worse' : 'better';
    if (dir !== this.direction) {
      this.run = [];
      this.direction = dir;
    }
    this.run.push(observed);
    const needed = dir === 'worse' ? this.failAfter : this.recoverAfter;
    if (this.run.length >= needed) {
      this.current = this.run.reduce(dir === 'worse' ? mildest : worst);
      this.run = [];
      this.direction = undefined;
    }
    return this.current;
  }
}
