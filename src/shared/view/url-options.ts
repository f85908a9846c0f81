// Options a wall takes from its URL, so a kiosk is configured by its bookmark.
import { parseDuration } from '../duration';

export interface UrlOptions {
  /** Bearer token for the API (`?token=`). */
  token?: string;
  /** unix ms to replay (`?at=`). */
  at?: number;
  /** `?rotate=0` turns page rotation off (laptop). */
  rotate: boolean;
  /** `?page=<id>` starts on that page. */
  page?: string;
  theme?: 'dark' | 'light';
  /** `?burnin=0` turns the burn-in shift off. */
  burnIn: boolean;
  /** `?seconds=1` shows seconds on the clock (each tick repaints the wall: ~2 % of a core in software rendering). */
  seconds: boolean;
  /** `?brand=<id>` starts with the brand filter set. */
  brand?: string;
  /** `?kiosk=1`: a wall nobody sits at (the cursor hides after 5 s idle). */
  kiosk: boolean;
  /** `?pages=a,b`: only these pages rotate (a kiosk display's own page list). */
  pages?: string[];
  /** `?window=24h` (or 15m, 6h, 1h30m, 2d…: any board-file duration up to 7d): ms of history the charts show; 1 h by default. */
  windowMs?: number;
}

const MAX_WINDOW_MS = 7 * 86_400_000;
/** ms of history the charts show without `?window=` */
export const DEFAULT_WINDOW_MS = 3_600_000;

export function parseUrlOptions(search: string): UrlOptions {
  const q = new URLSearchParams(search);
  const at = Number(q.get('at'));
  const theme = q.get('theme');
  const opts: UrlOptions = { rotate: q.get('rotate') !== '0', burnIn: q.get('burnin') !== '0', seconds: q.get('seconds') === '1', kiosk: q.get('kiosk') === '1' };
  const pages = (q.get('pages') ?? '').split(',').filter(Boolean);
  if (pages.length) opts.pages = pages;
  const token = q.get('token');
  if (token) opts.token = token;
  if (q.get('at') && Number.isFinite(at) && at > 0) opts.at = at;
  const page = q.get('page');
  if (page) opts.page = page;
  if (theme === 'dark' || theme === 'light') opts.theme = theme;
  const brand = q.get('brand');
  if (brand) opts.brand = brand;
  const ms = parseDuration(q.get('window') ?? '');
  if (ms !== undefined && ms > 0 && ms <= MAX_WINDOW_MS) opts.windowMs = ms;
  return opts;
}

/** The page address without `token=`, so it does not stay in the address bar, history or screenshots. */
export function addressWithoutToken(href: string): string | undefined {
  const u = new URL(href);
  if (!u.searchParams.has('token')) return undefined;
  u.searchParams.delete('token');
  return `${u.pathname}${u.search}${u.hash}`;
}
