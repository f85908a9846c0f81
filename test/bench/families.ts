/**
 * Labelled series that are not NAB files, for an evaluation that cannot be tuned to ../shared/nab:
 * seeded synthetic families with known anomalies (each family is a category, held out whole) and
 * the demo generator's scripted incidents. Windows follow NAB's labelling rule: 10% of the rows,
 * shared among the file's anomalies, centred on each anomaly's start (overlaps merged).
 * Magnitudes, scales and positions are drawn per series, so no family has one answer to learn.
 */
import { DEMO_INCIDENTS, demoValue } from '../../src/main/engine/sources/demo';
import type { NabFile } from './nab-eval';

const MIN = 60_000; // ms
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 2, 3);

/** Seeded uniform [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Gen {
  u: () => number;
  /** standard normal */
  g: () => number;
  between: (a: number, b: number) => number;
  /** log-uniform in [a, b]: scales over orders of magnitude */
  scale: (a: number, b: number) => number;
}

function gen(seed: number): Gen {
  const u = rng(seed);
  const g = () => Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
  return { u, g, between: (a, b) => a + (b - a) * u(), scale: (a, b) => a * Math.pow(b / a, u()) };
}

interface Raw {
  t: number[];
  v: number[];
  /** row index where each anomaly starts */
  anomalies: number[];
}

/** NAB's rule: windows of 10% of the rows / anomalies, centred on each start, merged if they touch. */
export function windowsOf(t: readonly number[], anomalies: readonly number[]): [number, number][] {
  if (!anomalies.length) return [];
  const half = Math.floor((0.1 * t.length) / anomalies.length / 2);
  const out: [number, number][] = [];
  for (const a of [...anomalies].sort((x, y) => x - y)) {
    const l = Math.max(0, a - half);
    const r = Math.min(t.length - 1, a + half);
    const last = out[out.length - 1];
    if (last && l <= last[1]) last[1] = Math.max(last[1], r);
    else out.push([l, r]);
  }
  return out.map(([l, r]) => [t[l] as number, t[r] as number]);
}

/** Anomaly starts at distinct places in [from, to) of n rows, at least `gap` rows apart. */
function places(x: Gen, n: number, k: number, from = 0.2, to = 0.92, gap = 0.12): number[] {
  const out: number[] = [];
  for (let tries = 0; out.length < k && tries < 200; tries++) {
    const a = Math.floor(n * x.between(from, to));
    if (out.every((b) => Math.abs(a - b) > gap * n)) out.push(a);
  }
  return out.sort((a, b) => a - b);
}

function regular(n: number, stepMs: number, start = T0): number[] {
  return Array.from({ length: n }, (_, i) => start + i * stepMs);
}

const daily = (t: number) => Math.sin((2 * Math.PI * (t % DAY)) / DAY);

/** Spikes (1–3 rows of 6–14 σ, either sign) on a daily pattern with noise. */
function spikes(x: Gen, anomalous: boolean): Raw {
  const n = 4032;
  const t = regular(n, 5 * MIN);
  const level = x.scale(0.5, 5e5);
  const sd = level * x.between(0.01, 0.08);
  const amp = level * x.between(0, 0.3);
  const v = t.map((ti) => level + amp * daily(ti) + sd * x.g());
  const anomalies = anomalous ? places(x, n, 1 + Math.floor(x.u() * 3)) : [];
  for (const a of anomalies) {
    const sign = x.u() < 0.7 ? 1 : -1;
    const len = 1 + Math.floor(x.u() * 3);
    for (let i = a; i < a + len; i++) v[i] = (v[i] as number) + sign * x.between(6, 14) * sd;
  }
  return { t, v, anomalies };
}

/** Persistent level shifts of 3–8 σ on AR(1) noise. */
function levelShift(x: Gen, anomalous: boolean): Raw {
  const n = 4032;
  const t = regular(n, 5 * MIN);
  const level = x.scale(1, 1e4);
  const sd = level * x.between(0.01, 0.05);
  const phi = x.between(0.3, 0.85);
  const anomalies = anomalous ? places(x, n, 1 + Math.floor(x.u() * 2), 0.2, 0.9, 0.25) : [];
  let e = 0;
  let shift = 0;
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    if (anomalies.includes(i)) shift += (x.u() < 0.5 ? 1 : -1) * x.between(3, 8) * sd;
    e = phi * e + Math.sqrt(1 - phi * phi) * sd * x.g();
    v.push(level + shift + e);
  }
  return { t, v, anomalies };
}

/** The noise's spread grows 3–6× for 100–400 rows, then returns. */
function varianceChange(x: Gen, anomalous: boolean): Raw {
  const n = 4032;
  const t = regular(n, 5 * MIN);
  const level = x.scale(1, 1e3);
  const sd = level * x.between(0.005, 0.05);
  const amp = level * x.between(0, 0.2);
  const anomalies = anomalous ? places(x, n, 1) : [];
  const a = anomalies[0] ?? -1;
  const len = Math.floor(x.between(100, 400));
  const k = x.between(3, 6);
  const v = t.map((ti, i) => level + amp * daily(ti) + (i >= a && a >= 0 && i < a + len ? k : 1) * sd * x.g());
  return { t, v, anomalies };
}

/** A strong daily shape (sine or square) that stops or shifts phase for part of a day. */
function seasonBreak(x: Gen, anomalous: boolean): Raw {
  const n = 4032;
  const t = regular(n, 5 * MIN);
  const level = x.scale(10, 1e4);
  const amp = level * x.between(0.2, 0.6);
  const sd = amp * x.between(0.02, 0.1);
  const square = x.u() < 0.5;
  const shape = (ti: number) => (square ? Math.sign(daily(ti)) || 1 : daily(ti));
  const anomalies = anomalous ? places(x, n, 1, 0.3, 0.85) : [];
  const a = anomalies[0] ?? -1;
  const len = Math.floor(x.between(100, 250));
  const flat = x.u() < 0.5;
  const v = t.map((ti, i) => {
    const broken = a >= 0 && i >= a && i < a + len;
    const s = broken ? (flat ? 0 : shape(ti + DAY / 2)) : shape(ti);
    return level + amp * s + sd * x.g();
  });
  return { t, v, anomalies };
}

/** A slow trend whose slope turns steep (a leak) at the anomaly and stays so. */
function trendChange(x: Gen, anomalous: boolean): Raw {
  const n = 4032;
  const t = regular(n, 5 * MIN);
  const level = x.scale(10, 1e6);
  const sd = level * x.between(0.005, 0.03);
  const slow = (x.u() - 0.5) * sd * 0.002;
  const anomalies = anomalous ? places(x, n, 1, 0.3, 0.85) : [];
  const a = anomalies[0] ?? -1;
  const steep = sd * x.between(0.1, 0.3);
  const v = t.map((_, i) => level + slow * i + (a >= 0 && i >= a ? steep * (i - a) : 0) + sd * x.g());
  return { t, v, anomalies };
}

/**
 * A road-traffic-like sensor: irregular intervals (1–15 min, with gaps of hours), a daily speed
 * profile with rush-hour dips; the anomaly is a sustained drop (an accident) of 1–3 h.
 */
function irregular(x: Gen, anomalous: boolean): Raw {
  const n = Math.floor(x.between(1000, 2100));
  const t: number[] = [];
  let at = T0 + Math.floor(x.u() * DAY);
  for (let i = 0; i < n; i++) {
    t.push(at);
    at += x.u() < 0.01 ? Math.floor(x.between(1, 6) * HOUR) : Math.floor(x.between(1, 15) * MIN);
  }
  const free = x.between(40, 80);
  const anomalies = anomalous ? places(x, n, 1 + Math.floor(x.u() * 2), 0.2, 0.9, 0.25) : [];
  const hours = x.between(1, 3) * HOUR;
  const depth = x.between(0.3, 0.6);
  const v = t.map((ti) => {
    const h = (ti % DAY) / HOUR;
    const rush = Math.exp(-((h - 8) ** 2) / 2) + Math.exp(-((h - 17.5) ** 2) / 2);
    let s = free * (1 - 0.35 * rush) + 3 * x.g();
    for (const a of anomalies) if (ti >= (t[a] as number) && ti < (t[a] as number) + hours) s *= depth;
    return Math.max(0, Math.round(s));
  });
  return { t, v, anomalies };
}

/**
 * An hourly business metric (ad-exchange-like): 1,250–1,450 rows, positive, daily and weekly shape,
 * multiplicative noise; anomalies are surges or collapses of 1–8 hours.
 */
function hourly(x: Gen, anomalous: boolean): Raw {
  const n = Math.floor(x.between(1250, 1450));
  const t = regular(n, HOUR);
  const level = x.scale(0.05, 500);
  const noise = x.between(0.05, 0.2);
  const anomalies = anomalous ? places(x, n, 1 + Math.floor(x.u() * 3), 0.16, 0.95, 0.15) : [];
  const effects = anomalies.map((a) => ({ a, len: 1 + Math.floor(x.u() * 8), k: x.u() < 0.5 ? x.between(2.5, 5) : x.between(0.1, 0.35) }));
  const v = t.map((ti, i) => {
    const dow = Math.floor(ti / DAY) % 7;
    let s = level * (1 + 0.4 * daily(ti - 6 * HOUR)) * (dow >= 5 ? 0.7 : 1) * Math.exp(noise * x.g());
    for (const e of effects) if (i >= e.a && i < e.a + e.len) s *= e.k;
    return Number(s.toPrecision(5));
  });
  return { t, v, anomalies };
}

/** Social-media-volume-like counts at 5 min, ~15,000 rows: bursty, heavy-tailed; anomalies are surges of 2–6 h. */
function volume(x: Gen, anomalous: boolean): Raw {
  const n = 15000;
  const t = regular(n, 5 * MIN);
  const base = x.scale(2, 200);
  const anomalies = anomalous ? places(x, n, 1 + Math.floor(x.u() * 3), 0.2, 0.95, 0.1) : [];
  const effects = anomalies.map((a) => ({ a, len: Math.floor(x.between(24, 72)), k: x.between(3, 8) }));
  let burst = 0;
  const v = t.map((ti, i) => {
    burst = burst * 0.8 + (x.u() < 0.01 ? x.between(1, 4) * base : 0);
    let lambda = base * (1 + 0.5 * daily(ti - 8 * HOUR)) + burst;
    for (const e of effects) if (i >= e.a && i < e.a + e.len) lambda *= e.k * Math.sin((Math.PI * (i - e.a + 1)) / (e.len + 1)) + 1;
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * x.g()));
  });
  return { t, v, anomalies };
}

type Family = (x: Gen, anomalous: boolean) => Raw;

export const SYNTHETIC_FAMILIES: Readonly<Record<string, Family>> = {
  syntheticSpikes: spikes,
  syntheticLevelShift: levelShift,
  syntheticVariance: varianceChange,
  syntheticSeasonBreak: seasonBreak,
  syntheticTrend: trendChange,
  syntheticIrregular: irregular,
  syntheticHourly: hourly,
  syntheticVolume: volume,
};

/** Series per family: the last has no anomaly (its flags are all false positives). */
export const PER_FAMILY = 6;

function labelled(category: string, name: string, raw: Raw, k: number): NabFile {
  return {
    name: `${category}/${name}`,
    category,
    timestamps: raw.t,
    values: Float64Array.from(raw.v),
    windows: windowsOf(raw.t, raw.anomalies),
    split: k % 2 === 0 ? 'tune' : 'held-out',
    fold: k % 4,
  };
}

export function syntheticFiles(seed = 2026): NabFile[] {
  const out: NabFile[] = [];
  let f = 0;
  for (const [category, family] of Object.entries(SYNTHETIC_FAMILIES)) {
    f++;
    for (let k = 0; k < PER_FAMILY; k++) out.push(labelled(category, `s${k}.csv`, family(gen(seed * 1000 + f * 100 + k), k < PER_FAMILY - 1), k));
  }
  return out;
}

/**
 * The demo generator's incident metrics at 1-minute samples over 12 hours: each scripted occurrence
 * of an incident that changes the metric is one anomaly (windows by the NAB rule above).
 */
export function demoFiles(start = Date.UTC(2026, 10, 26, 3)): NabFile[] {
  const metrics = ['coreldove_search_p95_ms', 'bizoholic_orders_per_min', 'bizoholic_checkout_error_rate_percent', 'quanttrade_order_latency_ms', 'thrillring_tickets_per_min'];
  return metrics.map((metric, k) => {
    const t = regular(12 * 60, MIN, start);
    const v = t.map((ti) => demoValue(42, metric, {}, ti) ?? NaN);
    const incidents = DEMO_INCIDENTS.filter((i) => i.effects.some((e) => e.metric === metric));
    const anomalies: number[] = [];
    t.forEach((ti, i) => {
      const minute = Math.floor(ti / MIN);
      if (incidents.some((inc) => minute % inc.periodMin === inc.fromMin)) anomalies.push(i);
    });
    return labelled('demoIncidents', `${metric}.csv`, { t, v, anomalies }, k);
  });
}
