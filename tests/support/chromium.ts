/**
 * Debian's Chromium through playwright-core, as the e2e tests, the sync harness and the
 * benchmarks launch it (never a downloaded browser: `npx playwright install` fails here).
 */
import { chromium, type Browser } from 'playwright-core';

/** Headless, and quiet on the network: the tests may only talk to 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // As the desktop app does (main/index.ts): date pickers and Chromium's own words in Chinese.
  '--lang=zh-CN',
];

/**
 * WebGL in headless Chromium without a GPU (the map): ANGLE on SwiftShader, software. Only the
 * suites that show the map need it, so the default launch keeps --disable-gpu.
 */
export const WEBGL_CHROMIUM_ARGS = [...CHROMIUM_ARGS.filter((arg) => arg !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

export function launchChromium(options: { webgl?: boolean } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: options.webgl ? WEBGL_CHROMIUM_ARGS : CHROMIUM_ARGS });
}
