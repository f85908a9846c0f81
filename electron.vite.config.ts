import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// One build for every face: main (Electron shell + the `wallboard` CLI, which share the engine),
// preload (the bridge), renderer (served by Electron and by `wallboard serve` alike).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // why: native and large runtime deps stay in node_modules, loaded by Node at run time
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // why: a sandboxed preload must be CommonJS; Electron does not load ESM preloads in the sandbox
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      // why: the renderer is also served over HTTP to browsers on the wall; ship it small
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
