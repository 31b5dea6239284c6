/**
 * `require('electron')` under plain Node tries to download the Electron binary. Node tests
 * never need the real one: modules that touch electron are tested with explicit fakes, and
 * anything that imports it by accident fails loudly here instead of hanging on a download.
 */
import { vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('electron is not available in Node tests: pass a fake of the part you need');
});
