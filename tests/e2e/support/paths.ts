/** Where the e2e harness finds the project, the renderer build and where it leaves artifacts. */
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = resolve(PROJECT_ROOT, 'out/renderer');
export const SCREENSHOTS_DIR = resolve(PROJECT_ROOT, 'artifacts/screenshots');
