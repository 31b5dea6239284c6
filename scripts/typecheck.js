#!/usr/bin/env node
// `npm run typecheck`: tsc on each world's tsconfig.json (DOM types only where a DOM runs, Node
// types only where Node runs), two at a time. A file that one world imports from another is
// checked again under the importer's types, so code shared with Node cannot lean on the DOM.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const WORLDS = ['core', 'sync', 'ipc', 'renderer', 'preload', 'main', 'district', 'scripts', 'tests', 'bench', '.'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function check(world) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', world, '--noEmit', '--pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ world, ok: code === 0, output }));
  });
}

const queue = [...WORLDS];
const results = [];
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length > 0) results.push(await check(queue.shift()));
  }),
);
const failed = results.filter((r) => !r.ok);
for (const { world, output } of failed) process.stdout.write(`\n== ${world === '.' ? 'top-level config' : `${world}/`}\n${output}`);
console.log(`typecheck: ${WORLDS.length - failed.length} of ${WORLDS.length} worlds clean${failed.length ? `; failed: ${failed.map((r) => r.world).join(', ')}` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);
