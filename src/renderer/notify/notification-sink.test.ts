import { describe, expect, it } from 'vitest';
import type { EngineApi, EngineEvents, NotificationView } from '../../shared/api';
import { createWallboardStore } from '../store';
import { deliver, startNotificationSink, type NotificationCtor } from './notification-sink';
import { createSeenIds, type KeyValueStorage } from './seen-ids';
import type { SoundPlayer } from './sound';

function view(id: string, over: Partial<NotificationView> = {}): NotificationView {
  return { id, at: 1_700_000_000_000, title: `title ${id}`, body: `body ${id}`, severity: 'critical', incidentIds: [id], kind: 'open', ...over };
}

/** A stand-in for window.Notification that records what was shown. */
function fakeNotification(permission: NotificationPermission) {
  const shown: { title: string; options: NotificationOptions | undefined }[] = [];
  const Ctor = class {
    static permission = permission;
    onclick: ((this: Notification, ev: Event) => unknown) | null = null;
    closed = false;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options });
      instances.push(this);
    }
    close(): void {
      this.closed = true;
    }
  };
  const instances: InstanceType<typeof Ctor>[] = [];
  return { Ctor: Ctor as unknown as NotificationCtor, shown, instances };
}

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** An EngineApi whose `notification` events the test emits by hand, as an SSE stream would. */
function fakeEvents() {
  const listeners = new Set<(p: EngineEvents['notification']) => void>();
  const api: Pick<EngineApi, 'on'> = {
    on: ((event: string, l: (p: EngineEvents['notification']) => void) => {
      if (event !== 'notification') return () => undefined;
      listeners.add(l);
      return () => listeners.delete(l);
    }) as EngineApi['on'],
  };
  return { api, emit: (n: NotificationView) => listeners.forEach((l) => l(n)), count: () => listeners.size };
}

describe('browser notification sink', () => {
  it('shows a critical once with its id as tag and keeps it until someone looks', () => {
    const n = fakeNotification('granted');
    const result = deliver(view('n1'), { notification: n.Ctor, seen: createSeenIds() });
    expect(result).toBe('shown');
    expect(n.shown).toEqual([{ title: 'title n1', options: { body: 'body n1', tag: 'n1', requireInteraction: true } }]);
  });

  it('lets non-critical and resolved notices go away by themselves', () => {
    const n = fakeNotification('granted');
    const seen = createSeenIds();
    deliver(view('w', { severity: 'warning' }), { notification: n.Ctor, seen });
    deliver(view('r', { kind: 'resolved' }), { notification: n.Ctor, seen });
    expect(n.shown.map((s) => s.options?.requireInteraction)).toEqual([false, false]);
  });

  it('never shows the same id twice when the stream repeats events after a reconnect', () => {
    const n = fakeNotification('granted');
    const ev = fakeEvents();
    const off = startNotificationSink({ api: ev.api, notification: n.Ctor, seen: createSeenIds() });
    ev.emit(view('a'));
    ev.emit(view('b', { severity: 'high' }));
    // a resumed stream replays what the client may have missed, including what it already had
    ev.emit(view('a'));
    ev.emit(view('b', { severity: 'high' }));
    ev.emit(view('c'));
    expect(n.shown.map((s) => s.options?.tag)).toEqual(['a', 'b', 'c']);
    off();
    expect(ev.count()).toBe(0);
  });

  it('remembers shown ids across a page reload through storage', () => {
    const storage = memoryStorage();
    const first = fakeNotification('granted');
    deliver(view('x'), { notification: first.Ctor, seen: createSeenIds(storage) });
    const afterReload = fakeNotification('granted');
    const seen = createSeenIds(storage);
    expect(deliver(view('x'), { notification: afterReload.Ctor, seen })).toBe('duplicate');
    expect(deliver(view('y'), { notification: afterReload.Ctor, seen })).toBe('shown');
    expect(afterReload.shown.map((s) => s.options?.tag)).toEqual(['y']);
  });

  it('keeps only the newest ids when the remembered list is full', () => {
    const storage = memoryStorage();
    const seen = createSeenIds(storage, 3);
    for (const id of ['1', '2', '3', '4']) seen.add(id);
    expect(['1', '2', '3', '4'].map((id) => seen.has(id))).toEqual([false, true, true, true]);
    expect(JSON.parse(storage.data.get('wallboard.notified') ?? '[]')).toEqual(['2', '3', '4']);
  });

  it('survives unreadable storage and still dedupes within the page', () => {
    const broken: KeyValueStorage = {
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const n = fakeNotification('granted');
    const seen = createSeenIds(broken);
    expect(deliver(view('z'), { notification: n.Ctor, seen })).toBe('shown');
    expect(deliver(view('z'), { notification: n.Ctor, seen })).toBe('duplicate');
  });

  it('shows nothing without permission, and does not replay it once permission comes', () => {
    const denied = fakeNotification('default');
    const seen = createSeenIds();
    expect(deliver(view('p'), { notification: denied.Ctor, seen })).toBe('no-permission');
    expect(denied.shown).toEqual([]);
    const granted = fakeNotification('granted');
    expect(deliver(view('p'), { notification: granted.Ctor, seen })).toBe('duplicate');
    expect(granted.shown).toEqual([]);
  });

  it('plays the sound of the severity only when the notification names one', () => {
    const played: string[] = [];
    const sound: SoundPlayer = { unlock: () => undefined, play: (sev, name) => void played.push(`${sev}:${name}`) };
    const n = fakeNotification('granted');
    const seen = createSeenIds();
    deliver(view('s1', { sound: 'siren' }), { notification: n.Ctor, seen, sound });
    deliver(view('s2', { severity: 'warning' }), { notification: n.Ctor, seen, sound });
    deliver(view('s1', { sound: 'siren' }), { notification: n.Ctor, seen, sound });
    expect(played).toEqual(['critical:siren']);
  });

  it('hands a click to the board and closes the notification', () => {
    const n = fakeNotification('granted');
    const clicked: string[] = [];
    deliver(view('k'), { notification: n.Ctor, seen: createSeenIds(), onClick: (v) => clicked.push(v.id) });
    const inst = n.instances[0];
    expect(inst).toBeDefined();
    inst?.onclick?.call(inst as unknown as Notification, new Event('click'));
    expect(clicked).toEqual(['k']);
    expect(inst?.closed).toBe(true);
  });

  it('reports a browser that refuses to construct notifications instead of throwing', () => {
    const Throwing = class {
      static permission: NotificationPermission = 'granted';
      constructor() {
        throw new TypeError('Illegal constructor');
      }
    } as unknown as NotificationCtor;
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(deliver(view('t'), { notification: Throwing, seen: createSeenIds() })).toBe('failed');
    } finally {
      console.warn = warn;
    }
  });

  it('keeps delivering live notifications while the wall replays the past', () => {
    // why: replay changes what is on screen, not what is happening now; a new critical must still reach people
    const store = createWallboardStore();
    store.getState().setReplayAt(1_600_000_000_000);
    const n = fakeNotification('granted');
    const ev = fakeEvents();
    const played: string[] = [];
    const sound: SoundPlayer = { unlock: () => undefined, play: (sev, name) => void played.push(`${sev}:${name}`) };
    const off = startNotificationSink({ api: ev.api, notification: n.Ctor, sound, seen: createSeenIds() });
    ev.emit(view('live-1', { sound: 'alarm' }));
    expect(store.getState().mode).toBe('replay');
    expect(n.shown.map((s) => s.title)).toEqual(['title live-1']);
    expect(played).toEqual(['critical:alarm']);
    off();
  });
});
