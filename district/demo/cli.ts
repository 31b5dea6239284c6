/**
 * `npm run demo -- --preset demo|bench --seed N --towns N --villages-per-town N --out dir`
 *
 * Writes the demo district as `orgTree.json` (what district IT provisions from) and
 * `docs.ndjson` (one doc per line in CouchDB form, `_id` instead of `id`, reference data first).
 * Bad flags get one line on stderr and exit code 2, before anything is written.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { toCouchDoc } from '../../core/couchDoc';
import { DEMO_PRESETS, DemoOptionsError, allDemoDocs, generateDemoDistrict, resolveDemoOptions, type DemoOptions, type DemoPreset } from './generate';

const USAGE_ERROR = 2;
const WRITE_CHUNK_CHARS = 4 * 1024 * 1024;

function integer(value: string): number {
  if (!/^-?[0-9]+$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

/** `villagesPerTown` → `--villages-per-town`, as the user typed it. */
function flagOf(option: keyof DemoOptions): string {
  return '--' + option.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

function isPreset(value: string): value is DemoPreset {
  return Object.hasOwn(DEMO_PRESETS, value);
}

async function writeDistrict(outDir: string, options: DemoOptions): Promise<{ docs: number; ms: number }> {
  const started = performance.now();
  const district = generateDemoDistrict(options);
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'orgTree.json'), JSON.stringify(district.orgTree, null, 2) + '\n');
  const file = await open(path.join(outDir, 'docs.ndjson'), 'w');
  let docs = 0;
  try {
    let chunk = '';
    for (const doc of allDemoDocs(district)) {
      chunk += JSON.stringify(toCouchDoc(doc)) + '\n';
      docs++;
      if (chunk.length >= WRITE_CHUNK_CHARS) {
        await file.write(chunk);
        chunk = '';
      }
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
  return { docs, ms: Math.round(performance.now() - started) };
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('demo')
    .description('Generate the demo district (吴中区 320506): orgTree.json and docs.ndjson')
    .option('--preset <name>', `size preset: ${Object.keys(DEMO_PRESETS).join(' | ')}`, 'demo')
    .option('--seed <n>', 'random seed; the same seed gives the same district', integer)
    .option('--towns <n>', 'towns and streets', integer)
    .option('--villages-per-town <n>', 'villages and communities per town', integer)
    .option('--tickets-per-village <n>', 'work orders per village', integer)
    .option('--cases-per-village <n>', 'mediation cases per village', integer)
    .option('--components-per-village <n>', 'components per village', integer)
    .option('--staff-per-village <n>', 'staff per village', integer)
    .option('--out <dir>', 'output folder', '.data/demo-district')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      process.stderr.write(`demo: ${error.message.replace(/^error: /, '')}\n`);
      return USAGE_ERROR;
    }
    throw error;
  }

  const flags = program.opts<{ preset: string; out: string } & DemoOptions>();
  if (!isPreset(flags.preset)) {
    process.stderr.write(`demo: unknown preset "${flags.preset}"; use one of: ${Object.keys(DEMO_PRESETS).join(', ')}\n`);
    return USAGE_ERROR;
  }
  const { preset, out, ...overrides } = flags;
  let options: DemoOptions;
  try {
    options = resolveDemoOptions({ ...DEMO_PRESETS[preset], ...overrides });
  } catch (error) {
    if (error instanceof DemoOptionsError) {
      const message = error.option ? `${flagOf(error.option)} ${error.requirement}, got ${String(error.value)}` : error.requirement;
      process.stderr.write(`demo: ${message}\n`);
      return USAGE_ERROR;
    }
    throw error;
  }
  const { docs, ms } = await writeDistrict(out, options);
  process.stdout.write(`demo: wrote ${docs} docs and orgTree.json to ${out} in ${ms} ms\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
