// The desktop shell's pure decisions: windows per display, update deferral, tray state, notification
// targets. (Restart backoff: test/unit/kiosk; wall crash incidents: wall-crashes.test.ts.)
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/shared/model';
import { planWallWindows, relayout, type DisplayInfo } from '../../../src/main/shell/display-layout';
import { acknowledgeAction, notificationTarget } from '../../../src/shared/notification-target';
import { trayState } from '../../../src/main/shell/tray-state';
import { updateGate } from '../../../src/main/shell/update-gate';

const d = (id: number, x: number, primary = false): DisplayInfo => ({ id, primary, bounds: { x, y: 0, width: 1920, height: 1080 } });
const DISPLAYS = [d(11, 0), d(22, 1920, true), d(33, 3840)];

describe('windows per display', () => {
  it('all: one window per display, in OS order, each with its own page list when configured', () => {
    const l = planWallWindows(DISPLAYS, { displays: 'all', pages: { '2': ['ops'] } });
    expect(l.windows.map((w) => [w.displayId, w.index, w.bounds.x, w.pages])).toEqual([
      [11, 0, 0, undefined],
      [22, 1, 1920, undefined],
      [33, 2, 3840, ['ops']],
    ]);
    expect(l.missing).toEqual([]);
  });

  it('primary: only the primary display, wherever the OS lists it', () => {
    expect(planWallWindows(DISPLAYS, { displays: 'primary', pages: {} }).windows.map((w) => w.displayId)).toEqual([22]);
    expect(planWallWindows([d(5, 0)], { displays: 'primary', pages: {} }).windows.map((w) => w.displayId)).toEqual([5]);
    expect(planWallWindows([], { displays: 'primary', pages: {} }).windows).toEqual([]);
  });

  it('indexes: the listed displays once each; an index not connected is reported, not fatal', () => {
    const l = planWallWindows(DISPLAYS, { displays: [2, 0, 2, 5], pages: { '0': ['a', 'b'] } });
    expect(l.windows.map((w) => [w.displayId, w.pages])).toEqual([
      [33, undefined],
      [11, ['a', 'b']],
    ]);
    expect(l.missing).toEqual([5]);
  });

  it('re-lays out when a display is added or removed: opens, closes and moves only what changed', () => {
    const before = planWallWindows(DISPLAYS, { displays: 'all', pages: {} });
    const current = new Map(before.windows.map((w) => [w.displayId, w]));
    // display 22 unplugged: 33 becomes index 1 (same bounds), a new display 44 appears
    const after = planWallWindows([d(11, 0), d(33, 3840), d(44, 5760)], { displays: 'all', pages: {} });
    const plan = relayout(current, after);
    expect(plan.close).toEqual([22]);
    expect(plan.open.map((w) => w.displayId)).toEqual([44]);
    expect(plan.update.map((w) => [w.displayId, w.index])).toEqual([[33, 1]]);
    expect(relayout(new Map(after.windows.map((w) => [w.displayId, w])), after)).toEqual({ open: [], close: [], update: [] });
  });
});

const inc = (severity: Incident['severity'], status: Incident['status'] = 'open', title = `${severity} thing`) => ({ severity, status, title });
const T_0400_UTC = Date.UTC(2026, 0, 10, 4, 0);

describe('update deferral', () => {
  it('never installs while a critical incident is open (acknowledged still counts), laptop or kiosk', () => {
    for (const status of ['open', 'acknowledged'] as const) {
      const g = updateGate({ incidents: [inc('critical', status, 'DB down')], kiosk: false, window: undefined, now: T_0400_UTC, utcOffsetMinutes: 0 });
      expect(g).toEqual({ install: false, reason: '1 critical incident is open (DB down)' });
    }
    expect(updateGate({ incidents: [inc('critical', 'resolved'), inc('high')], kiosk: false, window: undefined, now: T_0400_UTC, utcOffsetMinutes: 0 })).toEqual({ install: true });
  });

  it('in kiosk mode installs only inside updates.window, in the board’s local time, also across midnight', () => {
    const gate = (window: string | undefined, offset = 0, now = T_0400_UTC) => updateGate({ incidents: [], kiosk: true, window, now, utcOffsetMinutes: offset });
    expect(gate('03:00-05:00')).toEqual({ install: true });
    expect(gate('03:00-05:00', 120)).toEqual({ install: false, reason: 'outside the update window 03:00-05:00' }); // 06:00 local
    expect(gate('23:00-04:30', 60)).toEqual({ install: false, reason: 'outside the update window 23:00-04:30' }); // 05:00 local
    expect(gate('23:00-04:30', -300)).toEqual({ install: true }); // 23:00 local
    expect(gate(undefined).install).toBe(false);
  });
});

describe('tray state', () => {
  it('shows the worst open incident and counts them by severity', () => {
    expect(trayState([])).toEqual({ level: 'none', icon: 'tray-none.png', tooltip: 'Wallboard — no open incidents' });
    const s = trayState([inc('warning'), inc('critical', 'acknowledged'), inc('warning'), inc('critical', 'resolved'), inc('info')]);
    expect(s).toEqual({ level: 'critical', icon: 'tray-critical.png', tooltip: 'Wallboard — 4 open incidents: 1 critical, 2 warning, 1 info' });
    expect(trayState([inc('high')], { paused: true }).tooltip).toBe('Wallboard — 1 open incident: 1 high (notifications paused)');
  });

  it('names an icon that exists for every level', async () => {
    const { existsSync } = await import('node:fs');
    for (const sev of ['none', 'info', 'warning', 'high', 'critical'] as const) {
      const icon = sev === 'none' ? trayState([]).icon : trayState([inc(sev)]).icon;
      expect(existsSync(`resources/tray/${icon}`), icon).toBe(true);
      expect(existsSync(`resources/tray/${icon.replace('.png', '@2x.png')}`)).toBe(true);
    }
  });
});

describe('notification click and actions', () => {
  it('a click focuses the one incident (and its brand); a summary of several opens the list', () => {
    expect(notificationTarget({ incidentIds: ['i1'], brand: 'bizoholic' })).toEqual({ incidentId: 'i1', brand: 'bizoholic' });
    expect(notificationTarget({ incidentIds: ['i1', 'i2'] })).toEqual({});
  });

  it('offers Acknowledge for one incident that opened or escalated, not for resolved ones or summaries', () => {
    expect(acknowledgeAction({ incidentIds: ['i1'], kind: 'open' })).toEqual({ id: 'i1' });
    expect(acknowledgeAction({ incidentIds: ['i1'], kind: 'escalation' })).toEqual({ id: 'i1' });
    expect(acknowledgeAction({ incidentIds: ['i1'], kind: 'resolved' })).toBeUndefined();
    expect(acknowledgeAction({ incidentIds: ['i1', 'i2'], kind: 'summary' })).toBeUndefined();
  });
});
