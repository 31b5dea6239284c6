/**
 * The map as it was at an earlier commit, for `bench:map` to time against today's in the same
 * run: `git archive` writes that commit's renderer/features/map into out/, and a Vite plugin
 * builds the bench page with it in place of today's, everything else (core, React, MapLibre)
 * from the working tree. So "before" is the old code itself, not a flag that imitates it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

const MAP_DIR = 'renderer/features/map';

/** Writes `rev`'s map code under `into` (at its own path) and returns a plugin that builds with it. */
export function mapCodeAt(root: string, rev: string, into: string): Plugin {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const archive = execFileSync('git', ['-C', root, 'archive', '--format=tar', rev, MAP_DIR], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', into], { input: archive });
  return mapCodeFrom(root, into);
}

/** A plugin that builds with the map code found under `from` (at its own path) instead of today's. */
export function mapCodeFrom(root: string, from: string): Plugin {
  const liveMap = resolve(root, MAP_DIR);
  const oldMap = resolve(from, MAP_DIR);
  const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);
  return {
    name: 'gridlink-bench-map-baseline',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const target = resolve(dirname(importer), source);
      let redirected: string | null = null;
      // The bench page's import of the map → the old map; the old map's imports of anything
      // but itself (core/, renderer/data …) → today's tree, at the same relative place.
      if (inside(target, liveMap)) redirected = resolve(oldMap, relative(liveMap, target));
      else if (inside(importer, from) && !inside(target, oldMap)) redirected = resolve(root, relative(from, target));
      if (!redirected) return null;
      return this.resolve(redirected, importer, { ...options, skipSelf: true });
    },
  };
}

/** The commit's short hash and subject, for the printout. */
export function describeRev(root: string, rev: string): string {
  return execFileSync('git', ['-C', root, 'log', '-1', '--format=%h %s', rev], { encoding: 'utf8' }).trim();
}
