/**
 * `release publish` and `release stage` for district IT. `releaseCommand` mounts into the
 * district CLI; this file also runs on its own:
 *   npx tsx district/release/cli.ts publish dist/gridlink-1.2.0-x64.exe … --version 1.2.0 --out /srv/updates
 *   npx tsx district/release/cli.ts stage 50 --dir /srv/updates
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { RELEASE_DATABASE, RELEASE_DOC } from '../../ipc/contract';
import { t } from '../../core/i18n';
import { adminLoginFor, refusePasswordInArgument } from '../adminLogin';
import { DistrictError } from '../districtError';
import { PUBLIC_KEY_FILE, SIGNING_KEY_ENV, generateSigningKeys, readSigningKey } from './feedSigning';
import { couchTarget, folderTarget, type FeedTarget } from './feedTarget';
import { publishRelease } from './publish';
import { stageRelease } from './stage';
import { ReleaseError, parsePercentage, type ReleaseChannel } from './updateFeed';

function readNotes(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ReleaseError(t('shell:release.missingFile', { file }));
  }
}

function percentageArgument(value: string): number {
  try {
    return parsePercentage(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

async function targetOf(options: { out?: string; dir?: string; couch?: string }): Promise<FeedTarget> {
  const folder = options.out ?? options.dir;
  if (folder !== undefined && options.couch !== undefined) throw new ReleaseError('give either a folder or --couch, not both');
  if (options.couch !== undefined) {
    refusePasswordInArgument(options.couch);
    const url = new URL(options.couch);
    return couchTarget(options.couch, (await adminLoginFor(url, undefined)) ?? undefined);
  }
  if (folder === undefined) throw new ReleaseError('give a folder (--out / --dir) or --couch <server>/<database>/<document>');
  return folderTarget(folder);
}

/** Prints a refused command's reason (in Chinese) instead of a stack trace. */
async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ReleaseError) && !(error instanceof DistrictError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

const channelOption = () =>
  new Option('--channel <channel>', 'update channel').choices(['stable', 'beta']).default('stable');
const couchHelp = `CouchDB document whose attachments serve the feed, e.g. http://host:5984/${RELEASE_DATABASE}/${RELEASE_DOC}`;
const secretsHelp = `
Secrets never go on the command line (other users of the machine see it in ps):
  the CouchDB admin login comes from COUCHDB_USER and COUCHDB_PASSWORD (or a prompt on a terminal),
  the release signing key from --signing-key <file> or ${SIGNING_KEY_ENV}=<file>.`;

export const releaseCommand = new Command('release').description('publish app releases for stations to auto-update from').addHelpText('after', secretsHelp);

releaseCommand
  .command('keygen')
  .description(`make the district's release signing key pair (once); the public half goes into the app build (${PUBLIC_KEY_FILE})`)
  .requiredOption('--private-key <file>', 'where to write the private key (kept by district IT, never in the repository)')
  .option('--public-key <file>', 'where to write the public key', PUBLIC_KEY_FILE)
  .action(async (options: { privateKey: string; publicKey: string }) =>
    run(async () => {
      generateSigningKeys({ privateKeyFile: options.privateKey, publicKeyFile: options.publicKey });
      console.log(t('shell:release.keysWritten', { privateKey: options.privateKey, publicKey: options.publicKey }));
    }),
  );

releaseCommand
  .command('publish')
  .description('copy installers and write latest*.yml / beta*.yml feeds (sha512, size, staging)')
  .argument('<artifacts...>', 'installer files (.exe, .AppImage, .deb) built by electron-builder')
  .requiredOption('--version <version>', 'the release version (semver, as in package.json)')
  .addOption(channelOption())
  .option('--out <dir>', 'folder served by the update URL')
  .option('--couch <docUrl>', couchHelp)
  .option('--staging <percent>', 'share of stations offered the update (0-100)', percentageArgument)
  .option('--signing-key <file>', `the district's release private key (default: the file ${SIGNING_KEY_ENV} names)`)
  .option('--notes <text>', 'what changed, for the clerks (shown before they restart to install; signed with the feed)')
  .option('--notes-file <file>', 'the release notes from a UTF-8 text file')
  .action(async (artifacts: string[], options: { version: string; channel: ReleaseChannel; out?: string; couch?: string; staging?: number; signingKey?: string; notes?: string; notesFile?: string }) =>
    run(async () => {
      if (options.notes !== undefined && options.notesFile !== undefined) throw new ReleaseError(t('shell:release.notesTwice'));
      const releaseNotes = options.notesFile !== undefined ? readNotes(options.notesFile) : options.notes;
      const signingKey = readSigningKey(options.signingKey);
      const target = await targetOf(options);
      const result = await publishRelease({
        files: artifacts,
        version: options.version,
        channel: options.channel,
        target,
        signingKey,
        ...(options.staging === undefined ? {} : { stagingPercentage: options.staging }),
        ...(releaseNotes === undefined ? {} : { releaseNotes }),
      });
      console.log(
        t('shell:release.published', {
          version: options.version,
          channel: options.channel,
          percentage: options.staging ?? 100,
          files: [...result.artifacts, ...result.feeds].join(', '),
        }),
      );
    }),
  );

releaseCommand
  .command('stage')
  .description('change the staged-rollout percentage of the published release')
  .argument('<percent>', 'share of stations offered the update (0-100)', percentageArgument)
  .addOption(channelOption())
  .option('--dir <dir>', 'folder served by the update URL')
  .option('--couch <docUrl>', couchHelp)
  .action(async (percentage: number, options: { channel: ReleaseChannel; dir?: string; couch?: string }) =>
    run(async () => {
      const files = await stageRelease({ target: await targetOf(options), channel: options.channel, percentage });
      console.log(t('shell:release.staged', { channel: options.channel, percentage, files: files.join(', ') }));
    }),
  );

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await releaseCommand.parseAsync(process.argv);
}
