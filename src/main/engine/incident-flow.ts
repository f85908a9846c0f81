// Step 5 of a poll: what the engine saw → incidents (alerts/) → notification decisions (notify/)
// → sinks. The policy state is saved after every decision, so dedupe survives a restart.
import { SOURCE_KINDS } from '../../shared/source-kinds';
import type { NotificationView } from '../../shared/api';
import type { Board } from '../../shared/config-schema';
import type { Batch, HealthResult, Incident, SourceStatus } from '../../shared/model';
import { createIncidentTracker, thresholdObservations, type IncidentTracker, type IncidentTransition, type AnomalyObservation, type WallFault } from './alerts/index';
import { createPolicyStore, decide, tzOffsetMinutes, type NotificationSink, type PolicyState, type PolicyStore } from './notify/index';
import type { Store } from './store/types';
import type { Snapshot } from '../../shared/api';

const TICK_MS = 5_000; // ms between escalation checks and flushes of held (burst / rate-limited) notifications

export interface IncidentFlowOptions {
  store: Store;
  board: () => Board;
  now: () => number;
  sink: NotificationSink;
  onIncidents: () => void;
  log: (line: string) => void;
}

function newestPerTarget(results: HealthResult[]): HealthResult[] {
  const newest = new Map<string, HealthResult>();
  for (const r of results) {
    const prev = newest.get(r.targetId);
    if (!prev || r.at >= prev.at) newest.set(r.targetId, r);
  }
  return [...newest.values()];
}

export class IncidentFlow {
  #db: Store['db'];
  #tracker: IncidentTracker;
  #policyStore: PolicyStore;
  private policy: PolicyState;
  private pending: IncidentTransition[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: IncidentFlowOptions) {
    this.#db = o.store.db;
    this.#tracker = this.createTracker();
    this.#policyStore = createPolicyStore(this.#db);
    this.policy = this.#policyStore.load();
  }

  private createTracker(): IncidentTracker {
    return createIncidentTracker({
      db: this.#db,
      board: this.o.board,
      now: this.o.now,
      // why: ack/snooze transitions arrive here too, not only those observe() returns
      onTransition: (t) => this.pending.push(t),
    });
  }

  /** The tracker on the store's current handle: it changes when the buffer moves into memory and back,
   *  and the copy holds the same incidents, so a tracker built on it carries on where the last stopped. */
  get tracker(): IncidentTracker {
    if (this.o.store.db !== this.#db) {
      this.#db = this.o.store.db;
      this.#tracker = this.createTracker();
      this.#policyStore = createPolicyStore(this.#db);
    }
    return this.#tracker;
  }

  private get policyStore(): PolicyStore {
    void this.tracker; // rebuilds both on a new handle
    return this.#policyStore;
  }

  start(): void {
    this.timer = setInterval(() => {
      try {
        this.tracker.tick(this.o.now());
        this.flush();
      } catch (err) {
        this.o.log(`incident tick failed: ${(err as Error).message}`);
      }
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** After a batch is stored: feed the tracker what this batch changed, then decide. */
  afterBatch(batch: Batch, snapshot: Omit<Snapshot, 'incidents'>, sources: SourceStatus[], anomalies: AnomalyObservation[]): void {
    const board = this.o.board();
    const alertSource = SOURCE_KINDS[batch.kind].alerts;
    const thresholds = thresholdObservations(board, snapshot.panels);
    // why: a backfilling batch carries hours of health history; incidents follow the present only,
    // or a first start would open and resolve every past outage and notify each one
    const health = newestPerTarget(batch.health);
    this.tracker.observe({
      at: batch.at,
      ...(alertSource && batch.alerts !== undefined ? { alerts: snapshot.alerts } : {}),
      ...(health.length ? { health } : {}),
      thresholds,
      ...(anomalies.length ? { anomalies } : {}),
      sources,
    });
    this.flush();
  }

  /** A fault of the wall itself, reported by its face (a crashing renderer or kiosk browser). */
  wallFault(fault: WallFault): void {
    this.tracker.observe({ at: this.o.now(), wallFaults: [fault] });
    this.flush();
  }

  list(at?: number, includeResolved = false): Incident[] {
    return this.tracker.list({ ...(at !== undefined ? { at } : {}), includeResolved });
  }

  /** Runs the policy over the pending transitions (also with none: held summaries go out later). */
  flush(): void {
    const transitions = this.pending;
    this.pending = [];
    const now = this.o.now();
    const board = this.o.board();
    const d = decide(this.policy, { transitions, now, settings: board.notify, utcOffsetMinutes: tzOffsetMinutes(board.timezone, now) });
    this.policy = d.state;
    if (transitions.length || d.notifications.length) this.policyStore.save(d.state, now);
    if (transitions.length) this.o.onIncidents();
    for (const n of d.notifications) this.deliver(n);
  }

  private deliver(n: NotificationView): void {
    try {
      this.o.sink.deliver(n);
    } catch (err) {
      this.o.log(`notification sink failed: ${(err as Error).message}`);
    }
  }
}
