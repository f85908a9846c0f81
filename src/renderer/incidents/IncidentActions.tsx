// The buttons of one incident: Acknowledge (with an optional note), Snooze (15m / 1h / 4h),
// Silence in Alertmanager (duration + comment; alerts only) and Unsilence.
import { useState } from 'react';
import type { EngineApi } from '../../shared/api';
import type { Incident } from '../../shared/model';
import { runIncidentAction, SILENCE_CHOICES, SNOOZE_CHOICES } from './actions';
import { canSilence, canUnsilence } from './incident-view';
import { useIncidents } from './store';
import './incident-actions.css';

type Api = Pick<EngineApi, 'request'>;
type Open = 'none' | 'snooze' | 'silence';

const PENDING_WORD = { ack: 'Acknowledging…', snooze: 'Snoozing…', silence: 'Silencing…', unsilence: 'Unsilencing…' } as const;

function SilenceForm({ api, incident, done }: { api: Api; incident: Incident; done: () => void }): React.JSX.Element {
  const [durationMs, setDuration] = useState<number>(SILENCE_CHOICES[0]?.ms ?? 3_600_000);
  const [comment, setComment] = useState('');
  const blank = comment.trim() === '';
  const submit = async (): Promise<void> => {
    if (blank) return;
    const ok = await runIncidentAction(api, useIncidents, { t: 'silence', id: incident.id, durationMs, comment: comment.trim() });
    if (ok) done();
  };
  return (
    <form
      className="wb-inc-form"
      data-testid="incident-silence-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="wb-inc-form__field">
        <span>Silence for</span>
        <select data-testid="incident-silence-duration" value={durationMs} onChange={(e) => setDuration(Number(e.target.value))}>
          {SILENCE_CHOICES.map((c) => (
            <option key={c.ms} value={c.ms}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="wb-inc-form__field wb-inc-form__field--grow">
        <span>Comment (required by Alertmanager)</span>
        <input
          data-testid="incident-silence-comment"
          type="text"
          value={comment}
          maxLength={500}
          placeholder="Why, and who is on it"
          autoFocus
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <div className="wb-inc-form__buttons">
        <button type="submit" className="wb-inc-btn wb-inc-btn--danger" data-testid="incident-silence-confirm" disabled={blank}>
          Create silence
        </button>
        <button type="button" className="wb-inc-btn" onClick={done}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function IncidentActions({ api, incident, now }: { api: Api; incident: Incident; now: number }): React.JSX.Element | null {
  const pending = useIncidents((s) => s.pending[incident.id]);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState<Open>('none');
  if (incident.status === 'resolved') return null;
  const busy = pending !== undefined;
  const ack = (): void => {
    void runIncidentAction(api, useIncidents, { t: 'ack', id: incident.id, ...(note.trim() ? { note: note.trim() } : {}) }).then((ok) => {
      if (ok) setNote('');
    });
  };
  return (
    <div className="wb-inc-actions">
      <div className="wb-inc-actions__row">
        {incident.status === 'open' && (
          <>
            <input
              className="wb-inc-note"
              data-testid="incident-note"
              type="text"
              value={note}
              maxLength={500}
              placeholder="Note (optional)"
              aria-label="Acknowledgement note"
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !busy) ack();
              }}
            />
            <button type="button" className="wb-inc-btn wb-inc-btn--primary" data-testid="incident-ack" disabled={busy} onClick={ack}>
              Acknowledge
            </button>
          </>
        )}
        <button
          type="button"
          className="wb-inc-btn"
          data-testid="incident-snooze"
          aria-expanded={open === 'snooze'}
          disabled={busy}
          onClick={() => setOpen(open === 'snooze' ? 'none' : 'snooze')}
        >
          Snooze…
        </button>
        {canSilence(incident) && (
          <button
            type="button"
            className="wb-inc-btn"
            data-testid="incident-silence"
            aria-expanded={open === 'silence'}
            disabled={busy}
            onClick={() => setOpen(open === 'silence' ? 'none' : 'silence')}
          >
            Silence in Alertmanager…
          </button>
        )}
        {canUnsilence(incident) && (
          <button
            type="button"
            className="wb-inc-btn"
            data-testid="incident-unsilence"
            disabled={busy}
            onClick={() => void runIncidentAction(api, useIncidents, { t: 'unsilence', id: incident.id })}
          >
            Unsilence
          </button>
        )}
        {busy && (
          <span className="wb-inc-pending" role="status">
            {PENDING_WORD[pending]}
          </span>
        )}
      </div>
      {open === 'snooze' && (
        <div className="wb-inc-form" data-testid="incident-snooze-menu">
          <span>Snooze for</span>
          {SNOOZE_CHOICES.map((c) => (
            <button
              key={c.ms}
              type="button"
              className="wb-inc-btn"
              data-testid="incident-snooze-option"
              data-duration-ms={c.ms}
              disabled={busy}
              onClick={() => {
                void runIncidentAction(api, useIncidents, { t: 'snooze', id: incident.id, until: now + c.ms }).then((ok) => {
                  if (ok) setOpen('none');
                });
              }}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
      {open === 'silence' && canSilence(incident) && <SilenceForm api={api} incident={incident} done={() => setOpen('none')} />}
    </div>
  );
}
