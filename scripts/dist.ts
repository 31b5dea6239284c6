/**
 * `npm run dist:linux` / `npm run dist:win`: builds the installers, but only ones that can
 * update safely. Every installer needs the district's release public key (build/
 * update-public-key.pem, from `release keygen`), or it could never verify an update; the Windows
 * one also needs the code-signing certificate, because electron-updater takes the publisher
 * name it checks updates against from that certificate, and with no name it checks nothing.
 *
 * GRIDLINK_WIN_PUBLISHER (names separated by `;`) overrides the publisher names, for the one
 * release that moves the stations from an old certificate to a new one (docs/installers.md).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBuildPublicKey } from '../district/release/feedSigning';

export type DistTarget = 'linux' | 'win';

const BUILDER_ARGS: Record<DistTarget, string[]> = {
  linux: ['--linux', 'AppImage', 'deb', '--x64', '--arm64', '--publish', 'never'],
  win: ['--win', 'nsis', '--x64', '--publish', 'never'],
};

/** What stops this build, one line each (empty: go), and the extra electron-builder arguments. */
export function distPreflight(target: DistTarget, env: NodeJS.ProcessEnv, projectRoot: string): { problems: string[]; extraArgs: string[] } {
  const problems: string[] = [];
  const extraArgs: string[] = [];
  try {
    if (readBuildPublicKey(projectRoot) === null) {
      problems.push('build/update-public-key.pem is missing: run `npm run release -- keygen --private-key <safe place>` once and keep the public key in the repository');
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (target === 'win') {
    if (!env.CSC_LINK && !env.WIN_CSC_LINK) {
      problems.push('no code-signing certificate (CSC_LINK or WIN_CSC_LINK): an unsigned Windows build would accept updates from any publisher');
    }
    const names = (env.GRIDLINK_WIN_PUBLISHER ?? '').split(';').map((name) => name.trim()).filter(Boolean);
    for (const name of names) extraArgs.push(`-c.win.signtoolOptions.publisherName=${name}`);
  }
  return { problems, extraArgs };
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  const target = process.argv[2];
  if (target !== 'linux' && target !== 'win') {
    console.error('usage: tsx scripts/dist.ts linux|win');
    process.exit(2);
  }
  const root = resolve(import.meta.dirname, '..');
  const { problems, extraArgs } = distPreflight(target, process.env, root);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`dist:${target}: ${problem}`);
    process.exit(1);
  }
  run('npx', ['electron-vite', 'build']);
  run('npx', ['electron-builder', ...BUILDER_ARGS[target], ...extraArgs]);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
