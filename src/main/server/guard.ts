// Request guards against DNS rebinding and cross-site requests, and the security headers every
// response carries. A page on another site (or a rebound name pointing at 127.0.0.1) must not be
// able to read the wall or act on incidents, with or without a token.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Sent with every response: static files, API answers, errors and the event stream alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

export interface GuardOptions {
  /** The address the server is bound to (`--host`). */
  boundHost: string;
  /** Extra host names the wall may be reached by (`--allowed-host`), e.g. a reverse proxy's name. */
  allowedHosts?: readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; error: string };

const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** `example.com:8080` → `example.com`; `[::1]:80` → `::1`. Lower-cased; undefined when malformed. */
export function hostName(hostHeader: string): string | undefined {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : undefined;
  }
  const name = h.replace(/:\d*$/, '');
  return /^[a-z0-9.-]+$/.test(name) ? name.replace(/\.$/, '') : undefined;
}

/**
 * Host: an IP literal (a rebinding attack needs a name), a localhost name, the bound address, or a
 * configured name. Anything else is what a rebound attacker's name looks like.
 */
export function hostAllowed(hostHeader: string | undefined, opts: GuardOptions): boolean {
  if (hostHeader === undefined) return false;
  const name = hostName(hostHeader);
  if (name === undefined) return false;
  if (isIP(name) !== 0 || LOCAL_NAMES.has(name) || name.endsWith('.localhost')) return true;
  if (name === opts.boundHost.toLowerCase()) return true;
  return (opts.allowedHosts ?? []).some((a) => a.toLowerCase() === name);
}

/** Is `Origin` the page's own origin (scheme http/https, same host and port as the Host header)? */
function sameOrigin(origin: string, hostHeader: string): boolean {
  try {
    const o = new URL(origin);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === new URL(`${o.protocol}//${hostHeader}`).host;
  } catch {
    return false;
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Checks for one API request; static files only need the Host check. */
export function guardRequest(req: IncomingMessage, isApi: boolean, opts: GuardOptions): GuardVerdict {
  const host = req.headers.host;
  if (!hostAllowed(host, opts)) {
    return {
      ok: false,
      status: 421,
      error: `host ${JSON.stringify(host ?? '')} is not allowed (DNS rebinding protection): reach the wall by its IP address or localhost, or restart serve with --allowed-host NAME`,
    };
  }
  if (!isApi) return { ok: true };
  const origin = req.headers.origin;
  // why: browsers send Origin on every cross-origin request and on every POST; curl and the like send none
  if (origin !== undefined && !sameOrigin(origin, host as string)) {
    return { ok: false, status: 403, error: `cross-origin request from ${origin} refused: the API answers only pages it served itself` };
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return { ok: false, status: 403, error: 'cross-site request refused: the API answers only pages it served itself' };
  }
  if (req.method === 'POST' && mediaType(req.headers['content-type']) !== 'application/json') {
    return { ok: false, status: 415, error: 'a POST body must be sent as Content-Type: application/json' };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
    return { ok: false, status: 405, error: `method ${req.method ?? ''} not allowed` };
  }
  return { ok: true };
}
