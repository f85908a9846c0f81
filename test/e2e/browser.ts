// Headless Chromium (the Debian binary) through playwright-core, with the page errors collected so a
// test can assert that nothing threw and no dialog (e.g. an injected alert()) ever opened.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WallPage {
  page: Page;
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Messages of any dialog (alert/confirm/prompt) that opened; each is dismissed. */
  dialogs: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** unix ms the page's Date is fixed at (the clock in the status bar); timers keep running. */
  fixedTime?: number;
}

export async function openWall(browser: Browser, url: string, opts: OpenOptions = {}): Promise<WallPage> {
  const size = { width: opts.width ?? 1920, height: opts.height ?? 1080 };
  const context = await browser.newContext({ viewport: size, timezoneId: 'UTC', locale: 'en-GB', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  if (opts.fixedTime !== undefined) await page.clock.setFixedTime(opts.fixedTime);
  await page.goto(url);
  return { page, errors, dialogs, close: () => context.close() };
}

/** Saves a PNG under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Panel states by panel id, as the DOM contract shows them. */
export function panelStates(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-testid="panel"]', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-panel-id') ?? '', e.getAttribute('data-state') ?? ''])),
  );
}

// Runs in the page; written as text because the test project has no DOM types.
const OVERFLOW_SCRIPT = `(() => {
  const out = [];
  const de = document.documentElement;
  if (de.scrollWidth > innerWidth || de.scrollHeight > innerHeight) {
    out.push('document scrolls: ' + de.scrollWidth + 'x' + de.scrollHeight + ' in ' + innerWidth + 'x' + innerHeight);
  }
  for (const el of document.querySelectorAll('[data-testid="panel"]')) {
    const r = el.getBoundingClientRect();
    const id = el.getAttribute('data-panel-id');
    if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) out.push('panel ' + id + ' is off screen');
    if (r.height < 40 || r.width < 40) out.push('panel ' + id + ' is tiny: ' + r.width + 'x' + r.height);
    const body = el.querySelector('.wb-panel__body');
    if (body && body.scrollHeight > body.clientHeight + 2) out.push('panel ' + id + ' body overflows: ' + body.scrollHeight + ' > ' + body.clientHeight);
  }
  return out;
})()`;

/** Whether the document scrolls or any panel overflows or is too small to read. */
export function overflowReport(page: Page): Promise<string[]> {
  return page.evaluate(OVERFLOW_SCRIPT) as Promise<string[]>;
}

interface MiniDocument {
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(name: string): string | null }>;
}

/**
 * Waits until every panel (or every listed panel) shows `state`. Resolves false on timeout so the
 * caller's assertion can say which panel is where. A function, not a string: the page's CSP
 * forbids eval, which is the point.
 */
export async function waitPanels(page: Page, state: string, opts: { ids?: string[]; timeout?: number } = {}): Promise<boolean> {
  const sel = opts.ids ? opts.ids.map((id) => `[data-testid="panel"][data-panel-id="${id}"]`).join(',') : '[data-testid="panel"]';
  try {
    await page.waitForFunction(
      ([selector, want, min]) => {
        const doc = (globalThis as unknown as { document: MiniDocument }).document;
        const ps = Array.from(doc.querySelectorAll(selector));
        return ps.length >= min && ps.every((p) => p.getAttribute('data-state') === want);
      },
      [sel, state, opts.ids?.length ?? 1] as const,
      { timeout: opts.timeout ?? 30_000 },
    );
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError') return false;
    throw e;
  }
}
