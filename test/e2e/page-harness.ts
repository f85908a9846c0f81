// A test page built at run time from the real renderer modules: an index.html and a main.tsx are
// written to a temp dir, built with Vite and served on 127.0.0.1. Lets a test (or a benchmark)
// put the real store, charts and panels in Chromium under its own control of clock and data.
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface PageSource {
  html: string;
  /** The page's main.tsx; `src` is the import path from the page's dir to the repo's src/. */
  main: (src: string) => string;
}

export interface BuiltPage {
  url: string;
  close(): Promise<void>;
}

export async function buildPage(source: PageSource, minify = true): Promise<BuiltPage> {
  // why: under node_modules/.cache so the page resolves react, zustand and uplot like the app
  const cache = join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'wallboard-page-'));
  try {
    const src = relative(dir, join(ROOT, 'src')).split('\\').join('/');
    await writeFile(join(dir, 'index.html'), source.html);
    await writeFile(join(dir, 'main.tsx'), source.main(src));
    const { build } = await import('vite');
    await build({ root: dir, logLevel: 'warn', configFile: false, build: { outDir: join(dir, 'dist'), emptyOutDir: true, minify } });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const server = await staticServer(join(dir, 'dist'));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function staticServer(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
