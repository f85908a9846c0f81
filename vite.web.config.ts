// npm run dev:web: the renderer's Vite dev server with hot reload, against a running `wallboard serve`
// (WALLBOARD_URL, http://127.0.0.1:8080 by default). Works without the Electron binary.
import { resolve } from 'node:path';
import { defineConfig, type ProxyOptions } from 'vite';

const target = process.env.WALLBOARD_URL ?? 'http://127.0.0.1:8080';
const proxy: ProxyOptions = {
  target,
  changeOrigin: true,
  // why: serve refuses API calls from a foreign Origin (cross-site guard); to it, this dev server is the page
  configure: (p) => p.on('proxyReq', (req) => req.removeHeader('origin')),
};

export default defineConfig({
  root: resolve('src/renderer'),
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    // why: the API and its event stream stay same-origin for the page (the CSP says connect-src 'self')
    proxy: { '/api': proxy, '/healthz': proxy },
  },
});
