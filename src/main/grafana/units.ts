// Grafana unit ids → board units. Units we draw directly map 1:1; prefixed ones (kbytes, MBs, m, h)
// map to their base unit with a factor the query is multiplied by, so the number reads the same.
import type { Panel } from '../../shared/config-schema';
import { own } from './own';

type Unit = Panel['unit'];

export interface UnitMapping {
  unit: Unit;
  /** Multiply the query by this so values are in `unit`. */
  factor?: number;
  /** Set when the mapping is not exact: what the wall shows instead. */
  approximation?: string;
}

const DIRECT: Record<string, Unit> = {
  short: 'short', none: 'none', percent: 'percent', percentunit: 'percentunit',
  bytes: 'bytes', decbytes: 'decbytes', bits: 'bits', bps: 'bps', Bps: 'Bps',
  s: 's', ms: 'ms', ns: 'ns', 'µs': 'us', us: 'us', dtdurations: 's', dtdurationms: 'ms',
  ops: 'ops', reqps: 'reqps', rps: 'reqps', wps: 'ops', iops: 'ops', celsius: 'celsius',
  currencyUSD: 'usd', currencyEUR: 'eur', currencyINR: 'inr', hertz: 'short', locale: 'short',
};

const SCALED: Record<string, [Unit, number]> = {
  kbytes: ['bytes', 1024], mbytes: ['bytes', 1024 ** 2], gbytes: ['bytes', 1024 ** 3], tbytes: ['bytes', 1024 ** 4],
  deckbytes: ['decbytes', 1e3], decmbytes: ['decbytes', 1e6], decgbytes: ['decbytes', 1e9], dectbytes: ['decbytes', 1e12],
  Kbits: ['bps', 1e3], Mbits: ['bps', 1e6], Gbits: ['bps', 1e9],
  KBs: ['Bps', 1e3], MBs: ['Bps', 1e6], GBs: ['Bps', 1e9],
  m: ['s', 60], h: ['s', 3600], d: ['s', 86_400],
};

/** Units shown as a near relative, with what the wall shows instead. */
const NEAR: Record<string, [Unit, string]> = {
  decbits: ['bits', 'bits shown in binary prefixes'],
  binbps: ['bps', 'bits/s shown in SI prefixes'],
  pps: ['ops', 'packets/s shown as ops/s'],
  cps: ['ops', 'counts/s shown as ops/s'],
  rpm: ['short', 'per-minute rate shown as a plain number'],
  opm: ['short', 'per-minute rate shown as a plain number'],
  wpm: ['short', 'per-minute rate shown as a plain number'],
  epm: ['short', 'per-minute rate shown as a plain number'],
  mpm: ['short', 'per-minute rate shown as a plain number'],
  cpm: ['short', 'per-minute rate shown as a plain number'],
  eps: ['ops', 'events/s shown as ops/s'],
  mps: ['ops', 'messages/s shown as ops/s'],
  fahrenheit: ['short', '°F shown as a plain number'],
};

export function mapUnit(id: string | undefined): UnitMapping {
  if (id === undefined || id === '') return { unit: 'short' };
  const direct = own(DIRECT, id);
  if (direct) return { unit: direct };
  const scaled = own(SCALED, id);
  if (scaled) return { unit: scaled[0], factor: scaled[1] };
  const near = own(NEAR, id);
  if (near) return { unit: near[0], approximation: `unit ${id}: ${near[1]}` };
  if (id.startsWith('currency')) return { unit: 'currency', approximation: `unit ${id} shown with a generic currency sign` };
  return { unit: 'short', approximation: `unit ${id} is not supported; shown as a plain number` };
}
