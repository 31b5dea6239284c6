/**
 * A zip file from a few in-memory entries: what the diagnostics bundle needs (a dozen files, a
 * few megabytes). fflate writes it (small, no dependencies of its own, shipped with main):
 * plain deflated zip with UTF-8 names, which every unzip tool on Windows, UOS and Kylin opens.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  data: Uint8Array | string;
}

export function zipArchive(entries: readonly ZipEntry[], modified: Date = new Date()): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? strToU8(entry.data) : entry.data;
    files[entry.name] = [data, { mtime: modified }];
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
