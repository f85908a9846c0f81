import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BoardView, Snapshot } from '../../../src/shared/api';
import { panel as panelSchema, type Brand } from '../../../src/shared/config-schema';
import type { AlertRecord, Incident } from '../../../src/shared/model';
import { AlertList } from '../../../src/renderer/panels/alertlist/AlertListPanel';
import { filterAlerts, groupAlerts } from '../../../src/renderer/panels/alertlist/alert-groups';
import { newCriticals, pageForIncident } from '../../../src/renderer/board/critical';

const alert = (fp: string, severity: AlertRecord['severity'], labels: Record<string, string> = {}, extra: Partial<AlertRecord> = {}): AlertRecord => ({
  fingerprint: fp,
  source: 'am',
  labels: { alertname: `A_${fp}`, ...labels },
  annotations: {},
  state: 'firing',
  severity,
  startsAt: 1_000,
  silencedBy: [],
  inhibitedBy: [],
  ...extra,
});
const brands: Brand[] = [
  { id: 'acme', name: 'Acme', color: '#ff0000' },
  { id: 'globex', name: 'Globex', color: '#00ff00' },
];
const list = panelSchema.parse({ id: 'al', type: 'alertlist' });

describe('alert list grouping', () => {
  it('groups by brand in board order and sorts by severity, newest first', () => {
    const alerts = [
      alert('1', 'warning', { brand: 'globex' }),
      alert('2', 'critical', { brand: 'globex' }, { startsAt: 5 }),
      alert('3', 'critical', { brand: 'globex' }, { startsAt: 9 }),
      alert('4', 'info'),
      alert('5', 'high', { brand: 'acme' }),
    ];
    const groups = groupAlerts(alerts, brands);
    expect(groups.map((g) => g.brandId)).toEqual(['acme', 'globex', '']);
    expect(groups[1]?.alerts.map((a) => a.fingerprint)).toEqual(['3', '2', '1']);
    expect(groups[1]?.counts).toEqual({ critical: 2, warning: 1 });
  });

  it('filters by brand, minimum severity and source, and hides resolved alerts', () => {
    const alerts = [alert('1', 'warning', { brand: 'acme' }), alert('2', 'critical', { brand: 'acme' }), alert('3', 'critical'), alert('4', 'critical', { brand: 'acme' }, { state: 'resolved' })];
    const p = panelSchema.parse({ id: 'x', type: 'alertlist', filter: { brand: 'acme', severity: 'high' } });
    expect(filterAlerts(alerts, p, null).map((a) => a.fingerprint)).toEqual(['2']);
    expect(filterAlerts(alerts, list, 'acme').map((a) => a.fingerprint)).toEqual(['1', '2']);
  });

  it('renders hostile labels and annotations as text with the DOM contract attributes', () => {
    const evil = alert('f1', 'critical', { alertname: '<img src=x onerror=alert(1)>', instance: '<script>alert(2)</script>' }, {
      annotations: { summary: '<script>window.pwned=1</script>', description: '<b onmouseover=alert(3)>hi</b>' },
      silencedBy: ['s1'],
    });
    const html = renderToStaticMarkup(createElement(AlertList, { panel: list, alerts: [evil], at: 61_000, brands, brandFilter: null }));
    expect(html).not.toMatch(/<img|<script|<b /);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt;');
    expect(html).toContain('data-testid="alert" data-severity="critical" data-fingerprint="f1"');
    expect(html).toContain('SILENCED');
    expect(html).toContain('1m');
  });
});

const incident = (id: string, extra: Partial<Incident>): Incident => ({
  id,
  kind: 'alert',
  ref: id,
  title: id,
  severity: 'critical',
  labels: {},
  annotations: {},
  status: 'open',
  openedAt: 1,
  silenced: false,
  silenceIds: [],
  ...extra,
});

describe('jump to critical', () => {
  const board = {
    pages: [
      { id: 'p0', title: 'Overview', dwell: 1, panels: [panelSchema.parse({ id: 'al', type: 'alertlist' })] },
      { id: 'p1', title: 'Acme', dwell: 1, panels: [panelSchema.parse({ id: 'a1', type: 'stat', query: 'up', brand: 'acme' }), panelSchema.parse({ id: 'a2', type: 'stat', query: 'up', brand: 'acme' })] },
      { id: 'p2', title: 'Globex', dwell: 1, panels: [panelSchema.parse({ id: 'g1', type: 'stat', query: 'up', brand: 'globex' })] },
    ],
  } as unknown as BoardView;

  it('picks the page of the incident’s panel, else of its brand, else an alert list', () => {
    expect(pageForIncident(board, incident('i', { panelId: 'g1', brand: 'acme' }))).toBe(2);
    expect(pageForIncident(board, incident('i', { brand: 'acme' }))).toBe(1);
    expect(pageForIncident(board, incident('i', { brand: 'initech' }))).toBe(0);
  });

  it('only counts open, unsilenced, unsnoozed critical incidents not seen before', () => {
    const list = [
      incident('old', {}),
      incident('new', { openedAt: 5 }),
      incident('acked', { status: 'acknowledged' }),
      incident('high', { severity: 'high' }),
      incident('snoozed', { snoozedUntil: 100 }),
      incident('silenced', { silenced: true }),
    ];
    expect(newCriticals(list, new Set(['old']), 50).map((i) => i.id)).toEqual(['new']);
  });
});

import { panelDisplayState } from '../../../src/renderer/panels/panel-state';

describe('panel state of lists', () => {
  const board = { brands: [], healthTargets: [], pages: [], sources: [] } as unknown as BoardView;
  const snap = (state: 'ok' | 'down'): Snapshot => ({
    at: 100_000,
    live: true,
    panels: {},
    health: [],
    alerts: [],
    silences: [],
    incidents: [],
    sources: [{ sourceId: 'am', kind: 'alertmanager', state, intervalMs: 1000, lastSuccess: 40_000, ...(state === 'down' ? { reason: 'connection refused' } : {}) }],
  } as unknown as Snapshot);

  it('shows an alert list as stale, with the age and reason, when its feed is down even if the engine says ok', () => {
    const ps = { panelId: 'al', state: 'ok' as const, values: [] };
    expect(panelDisplayState(board, list, ps, snap('down'))).toEqual({ state: 'stale', reason: 'am: connection refused', ageMs: 60_000 });
    expect(panelDisplayState(board, list, ps, snap('ok'))).toEqual({ state: 'ok' });
  });

  it('shows loading before the first snapshot and a query panel without data as nodata', () => {
    const stat = panelSchema.parse({ id: 's', type: 'stat', query: 'up' });
    expect(panelDisplayState(null, stat, undefined, null).state).toBe('loading');
    expect(panelDisplayState(board, stat, undefined, snap('ok')).state).toBe('nodata');
  });
});
