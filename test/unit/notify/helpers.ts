// Builders for notify policy tests.
import { notifySettings, type NotifySettings, type Severity } from '../../../src/shared/config-schema';
import type { PolicyTransition } from '../../../src/main/engine/notify/policy-types';
import type { IncidentKind } from '../../../src/shared/model';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0); // 12:00 UTC

export function settings(input: Record<string, unknown> = {}): NotifySettings {
  return notifySettings.parse({ minSeverity: 'warning', ratePerMinute: 100, ...input });
}

export interface IncidentSpec {
  id: string;
  ref?: string;
  kind?: IncidentKind;
  severity?: Severity;
  brand?: string;
  title?: string;
  silenced?: boolean;
  snoozedUntil?: number;
}

export function incident(spec: IncidentSpec): PolicyTransition['incident'] {
  return {
    id: spec.id,
    kind: spec.kind ?? 'alert',
    ref: spec.ref ?? spec.id,
    title: spec.title ?? `Incident ${spec.id}`,
    severity: spec.severity ?? 'high',
    silenced: spec.silenced ?? false,
    ...(spec.brand !== undefined ? { brand: spec.brand } : {}),
    ...(spec.snoozedUntil !== undefined ? { snoozedUntil: spec.snoozedUntil } : {}),
  };
}

let seq = 0;

export function resetSeq(): void {
  seq = 0;
}

export function tr(to: PolicyTransition['to'], at: number, spec: IncidentSpec, reason?: 'timer' | 'severity'): PolicyTransition {
  return { seq: ++seq, to, at, incident: incident(spec), ...(reason ? { reason } : {}) };
}
