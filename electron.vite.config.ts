import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { DEMO_ASSET_PATH, demoDistrictFile } from './district/demo/webAsset';
import { readBuildPublicKey } from './district/release/feedSigning';

/**
 * The demo district for `?demo=1` as a file beside the page (district/demo/webAsset.ts): emitted
 * by the build, served by the dev server. The page fetches it, so the generator is never bundled.
 */
function demoDistrictAsset(): Plugin {
  let file: string | null = null;
  const contents = () => (file ??= demoDistrictFile());
  return {
    name: 'gridlink-demo-district',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: DEMO_ASSET_PATH, source: contents() });
    },
    configureServer(server) {
      server.middlewares.use(`/${DEMO_ASSET_PATH}`, (_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(contents());
      });
    },
  };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string }).version;
}

// One tool builds the three worlds: main (ESM, Node + electron), preload (one CJS file, as a
// sandboxed preload must be) and the renderer (a plain web page, also served to browsers).
export default defineConfig({
  main: {
    // The district's release public key, built in (main/buildConstants.ts): inside the asar it is
    // covered by the asar integrity fuse, where a file beside the app could be swapped.
    define: { __GRIDLINK_UPDATE_PUBLIC_KEY__: JSON.stringify(readBuildPublicKey(__dirname)) },
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(__dirname, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // The version the workstation reports in its heartbeat (renderer/data/workstation.ts).
    define: { __GRIDLINK_VERSION__: JSON.stringify(packageVersion()) },
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react(), demoDistrictAsset()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
