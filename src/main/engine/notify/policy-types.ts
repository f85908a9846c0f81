// The notify policy's data: its input, its persisted state (plain JSON), its output.
import type { NotifySettings, Severity } from '../../../shared/config-schema';
import type { NotificationView } from '../../../shared/api';
import type { Incident, IncidentKind, IncidentStatus } from '../../../shared/model';

/** The fields of an incident transition the policy reads (an IncidentTransition fits). */
export interface PolicyTransition {
  /** Monotonic per database; the dedupe key. */
  seq: number;
  from?: IncidentStatus | null;
  to: IncidentStatus | 'escalation';
  /** unix ms of the change. */
  at: number;
  reason?: 'timer' | 'severity';
  incident: Pick<Incident, 'id' | 'kind' | 'ref' | 'title' | 'severity' | 'brand' | 'silenced' | 'snoozedUntil'>;
}

/** Knobs with sensible defaults; not in the board file (yet). All durations in ms. */
export interface PolicyTuning {
  /** "≥ burstCount new incidents within burstWindowMs" is a burst; held opens wait this long. */
  burstWindowMs: number;
  burstCount: number;
  /** A ref opening more than flapMaxOpens times within flapWindowMs is flapping until quiet that long. */
  flapWindowMs: number;
  flapMaxOpens: number;
  /** Held opens kept in detail; beyond, only counted. */
  maxHeld: number;
  /** Incidents remembered as announced; the oldest are forgotten beyond. */
  maxAnnounced: number;
  /** Transition seqs remembered for dedupe. */
  maxSeen: number;
}

export const DEFAULT_TUNING: PolicyTuning = {
  burstWindowMs: 10_000,
  burstCount: 3,
  flapWindowMs: 600_000,
  flapMaxOpens: 3,
  maxHeld: 1000,
  maxAnnounced: 10_000,
  maxSeen: 1000,
};

export const RATE_WINDOW_MS = 60_000;

export interface PolicyInput {
  transitions: PolicyTransition[];
  /** unix ms; the only clock the policy knows. */
  now: number;
  settings: NotifySettings;
  /** Minutes east of UTC for quiet hours (e.g. 330 for Asia/Kolkata); 0 = UTC. See tzOffsetMinutes. */
  utcOffsetMinutes?: number;
  tuning?: Partial<PolicyTuning>;
}

/** An open waiting for a burst summary (or for the rate limit to allow it). */
export interface HeldItem {
  seq: number;
  incidentId: string;
  key: string;
  kind: IncidentKind;
  title: string;
  severity: Severity;
  brand?: string;
  /** unix ms of the open. */
  at: number;
  /** Set when this open is the one that started a flap: its notification says so. */
  flapping?: number;
}

export interface FlapEntry {
  /** unix ms of recent opens within the flap window. */
  opens: number[];
  flapping: boolean;
  /** unix ms of the last open or resolve of this ref. */
  lastChange: number;
  /** The open incident of this ref, if any: announced when the flapping stops with it still open. */
  open: HeldItem | null;
  /** Whether that open incident was silenced upstream when it opened. */
  openSilenced: boolean;
}

/** Everything the policy remembers; plain JSON so it survives a restart (policy-store.ts). */
export interface PolicyState {
  version: 1;
  /** Transition seqs handled, ascending, the newest maxSeen kept: a seq in it is a duplicate. */
  seen: number[];
  /** Seqs below this were forgotten from `seen` and count as handled. */
  floorSeq: number;
  /** Counter for notification ids. */
  nextId: number;
  /** unix ms of the latest eligible opens (burstCount − 1 kept). */
  recentOpens: number[];
  held: HeldItem[];
  /** Opens held beyond maxHeld: counted in the summary, not listed. */
  heldOverflow: number;
  /** unix ms the oldest held item was held; null when none. */
  heldSince: number | null;
  /** unix ms of non-critical deliveries within the last minute (the rate limit). */
  sent: number[];
  /** By incident kind + ref. */
  flaps: Record<string, FlapEntry>;
  /** Incident id → unix ms it was announced; a resolved is only told for an announced incident. */
  announced: Record<string, number>;
}

export type TraceOutcome = 'delivered' | 'held' | 'dropped';

/** Why each transition did or did not notify; for tests and for "why was I not told?". */
export interface TraceEntry {
  seq: number;
  outcome: TraceOutcome;
  reason?: string;
  notificationId?: string;
}

export interface Decision {
  state: PolicyState;
  notifications: NotificationView[];
  trace: TraceEntry[];
}

export function initialPolicyState(): PolicyState {
  return {
    version: 1,
    seen: [],
    floorSeq: 0,
    nextId: 1,
    recentOpens: [],
    held: [],
    heldOverflow: 0,
    heldSince: null,
    sent: [],
    flaps: {},
    announced: {},
  };
}
