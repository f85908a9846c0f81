// One incident in the drawer. Everything here came from a server and is rendered as text.
import { useEffect, useRef, type CSSProperties } from 'react';
import type { EngineApi } from '../../shared/api';
import type { Incident } from '../../shared/model';
import type { BrandLook } from './brands';
import { IncidentActions } from './IncidentActions';
import { formatAge } from '../../shared/duration';
import { annotationLines, isSnoozed, labelChips } from './incident-view';
import { useIncidents } from './store';

const KIND_WORD: Record<Incident['kind'], string> = {
  alert: 'alert',
  health: 'health check',
  threshold: 'threshold',
  anomaly: 'anomaly',
  pipeline: 'monitoring pipeline',
};

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16) + ' UTC';
}

function StatusMarks({ incident, now }: { incident: Incident; now: number }): React.JSX.Element {
  const marks: { key: string; text: string; title?: string }[] = [];
  if (incident.status === 'acknowledged' && incident.ack) {
    marks.push({ key: 'ack', text: `ACK by ${incident.ack.by} · ${formatAge(now - incident.ack.at)} ago` });
  } else if (incident.status === 'resolved') {
    marks.push({ key: 'resolved', text: `RESOLVED${incident.resolvedAt !== undefined ? ` ${formatAge(now - incident.resolvedAt)} ago` : ''}` });
  } else {
    marks.push({ key: 'open', text: 'OPEN' });
  }
  if (isSnoozed(incident, now) && incident.snoozedUntil !== undefined) {
    marks.push({ key: 'snooze', text: `SNOOZED until ${clock(incident.snoozedUntil)}` });
  }
  if (incident.silenced) marks.push({ key: 'silenced', text: 'SILENCED', title: incident.silenceIds.join(', ') });
  return (
    <span className="wb-inc-marks">
      {marks.map((m) => (
        <span key={m.key} className={`wb-inc-mark wb-inc-mark--${m.key}`} {...(m.title ? { title: m.title } : {})}>
          {m.text}
        </span>
      ))}
    </span>
  );
}

export interface IncidentRowProps {
  api: Pick<EngineApi, 'request'>;
  incident: Incident;
  brand: BrandLook | undefined;
  now: number;
  /** False in replay: the past cannot be acknowledged. */
  actions: boolean;
  /** The incident a notification click opened the drawer on: marked and scrolled into view. */
  focused?: boolean;
}

export function IncidentRow({ api, incident, brand, now, actions, focused = false }: IncidentRowProps): React.JSX.Element {
  const error = useIncidents((s) => s.errors[incident.id]);
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) row.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  const chips = labelChips(incident);
  const lines = annotationLines(incident);
  const style = brand ? ({ '--brand': brand.color } as CSSProperties) : undefined;
  return (
    <li
      ref={row}
      className={`wb-inc wb-inc--${incident.severity} wb-inc--${incident.status}${focused ? ' wb-inc--focused' : ''}`}
      data-testid="incident"
      data-incident-id={incident.id}
      data-severity={incident.severity}
      data-status={incident.status}
      data-kind={incident.kind}
      data-silenced={incident.silenced ? 'true' : 'false'}
      {...(focused ? { 'data-focused': 'true', 'aria-current': 'true' as const } : {})}
      {...(incident.brand !== undefined ? { 'data-brand': incident.brand } : {})}
      style={style}
    >
      <div className="wb-inc__head">
        <span className={`wb-sev wb-sev--${incident.severity}`}>{incident.severity.toUpperCase()}</span>
        {brand && <span className="wb-inc__brand">{brand.name}</span>}
        <span className="wb-inc__age" title={`opened ${new Date(incident.openedAt).toISOString()}`}>
          {formatAge(now - incident.openedAt)}
        </span>
        <span className="wb-inc__kind">{KIND_WORD[incident.kind]}</span>
        <StatusMarks incident={incident} now={now} />
      </div>
      <div className="wb-inc__title" dir="auto">{incident.title}</div>
      {lines.length > 0 && (
        <dl className="wb-inc__annotations">
          {lines.map((l) => (
            <div key={l.name} className="wb-inc__annotation">
              <dt>{l.name}</dt>
              <dd dir="auto">{l.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {chips.length > 0 && (
        <ul className="wb-inc__labels" aria-label="labels">
          {chips.map((c) => (
            <li key={c.name} className="wb-inc__label">
              <span className="wb-inc__label-name">{c.name}</span>=<span className="wb-inc__label-value" dir="auto">{c.value}</span>
            </li>
          ))}
        </ul>
      )}
      {incident.ack?.note && <div className="wb-inc__note">Note: {incident.ack.note}</div>}
      {error && (
        <div className="wb-inc__error" role="alert" data-testid="incident-error">
          {error}
        </div>
      )}
      {actions && <IncidentActions api={api} incident={incident} now={now} />}
    </li>
  );
}
