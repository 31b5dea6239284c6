/**
 * gridlink-district: the district IT's command line (`npm run district -- <command>` or the
 * `gridlink-district` bin). Every command connects as a CouchDB server admin, checked first;
 * an operator error ends with one Chinese line on stderr and exit code 1.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { t } from '../core/i18n';
import { SETTING_FIELDS, type DistrictSettings, type SettingField } from '../core/settings';
import { refusePasswordInArgument } from './adminLogin';
import { connect, type Connection, type ServerOptions } from './connection';
import { debugDump } from './debugOutput';
import { DistrictError } from './districtError';
import type { ImportReport } from './import/importReference';
import type { ProvisionReport } from './provision';
import { releaseCommand } from './release/cli';

// Commands load their modules when they run: `--help` and a typo stay fast, and only `rules`
// and `provision` pay for the TypeScript compiler, only `import` for exceljs and turf.
const provisioning = () => import('./provision');
const orgTreeFile = () => import('./orgTreeFile');
const unitUsers = () => import('./unitUsers');
const people = () => import('./people');
const importer = () => import('./import/importReference');
const statusReport = () => import('./status');
const designDoc = () => import('./designDoc');
const districtSettings = () => import('./settings');
const monthlyReport = () => import('./report');
const auditRecords = () => import('./audit');

interface SettingOptions {
  updateChannel?: 'stable' | 'beta';
  updateUrl?: string;
  idleLockMinutes?: number;
  syncWindowMonths?: number;
  basemapUrl?: string;
  settledRetentionDays?: number;
  auditRetentionDays?: number;
  clear?: SettingField[];
}

interface GlobalOptions {
  server?: string;
  user?: string;
  replicationUrl?: string;
  district?: string;
}

function connectionOf(command: Command): Promise<Connection> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  if (opts.server) refusePasswordInArgument(opts.server);
  const server: ServerOptions = { server: opts.server, user: opts.user, replicationUrl: opts.replicationUrl, district: opts.district };
  return connect(server);
}

function printProvisionReport(report: ProvisionReport): void {
  for (const change of report.changes) {
    console.log(t(`district:provision.${change.action}`, { subject: t(`district:subject.${change.subject}`), name: change.name }));
  }
  if (report.changes.length === 0) console.log(t('district:provision.noChanges', { count: report.unchanged }));
  else console.log(t('district:provision.summary', { changed: report.changes.length, unchanged: report.unchanged }));
  if (report.passwordsFile) console.log(t('district:passwords.written', { count: report.newUsers, path: report.passwordsFile }));
  if (!report.settingsApplied) console.log(t('district:provision.settingsSkipped'));
}

function printImportReport(report: ImportReport): void {
  console.log(t('district:import.done', { ...report, kind: t(`district:import.kind.${report.kind}`) }));
}

/** `--stale-hours`: a positive number of hours; anything else would switch stale detection off. */
function staleHoursArgument(value: string): number {
  const hours = Number(value);
  if (!/^\s*[0-9]*\.?[0-9]+\s*$/.test(value) || !Number.isFinite(hours) || hours <= 0) {
    throw new InvalidArgumentError(t('district:status.badStaleHours', { value }));
  }
  return hours;
}

const COMMANDER_ERRORS: [RegExp, string][] = [
  [/^error: unknown command '([^']*)'/, 'district:cli.unknownCommand'],
  [/^error: unknown option '([^']*)'/, 'district:cli.unknownOption'],
  [/^error: missing required argument '([^']*)'/, 'district:cli.missingArgument'],
  [/^error: option '([^']*)' argument missing/, 'district:cli.missingOptionValue'],
  [/^error: too many arguments/, 'district:cli.tooManyArguments'],
];

/** Commander's English error line → the catalogue's; anything unknown passes through. */
export function translateCommanderError(text: string): string {
  for (const [pattern, key] of COMMANDER_ERRORS) {
    const match = pattern.exec(text);
    if (match) return t(key, { name: match[1] ?? '' }) + '\n';
  }
  return text;
}

export function buildProgram(): Command {
  const program = new Command('gridlink-district')
    .description(t('district:cli.description'))
    .addHelpText('after', t('district:cli.secretsHelp'))
    .option('-s, --server <url>', t('district:cli.server'))
    .option('-u, --user <name>', t('district:cli.user'))
    .option('--replication-url <url>', t('district:cli.replicationUrl'))
    .option('--district <code>', t('district:cli.district'))
    .showSuggestionAfterError(true)
    // Set before the subcommands are added, so they inherit them: errors return, never exit,
    // and commander's own messages reach the operator in Chinese, one line each.
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) });

  program
    .command('provision')
    .description(t('district:cli.provision'))
    .argument('<orgTree>', t('district:cli.orgTreeFile'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .option('--cors-origin <origin...>', t('district:cli.corsOrigin'))
    .action(async (orgTreePath: string, options: { passwordsFile?: string; corsOrigin?: string[] }, command: Command) => {
      const tree = (await orgTreeFile()).readOrgTree(orgTreePath);
      const connection = await connectionOf(command);
      const { provision } = await provisioning();
      const report = await provision(connection, tree, {
        passwordsFile: options.passwordsFile ?? (await unitUsers()).defaultPasswordsFile(),
        ...(options.corsOrigin ? { corsOrigins: options.corsOrigin } : {}),
      });
      printProvisionReport(report);
    });

  const users = program.command('users').description(t('district:cli.users'));
  users
    .command('add')
    .description(t('district:cli.usersAdd'))
    .argument('<unitCode>', t('district:cli.unitCode'))
    .option('--name <user>', t('district:cli.userName'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (unit: string, options: { name?: string; passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const { addUser, defaultPasswordsFile } = await unitUsers();
      const file = options.passwordsFile ?? defaultPasswordsFile();
      const credential = await addUser(connection, unit, file, options.name);
      console.log(t('district:users.added', { user: credential.user, unit, path: file }));
    });
  users
    .command('reset-password')
    .description(t('district:cli.usersReset'))
    .argument('<user>', t('district:cli.userName'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (name: string, options: { passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const { resetPassword, defaultPasswordsFile } = await unitUsers();
      const file = options.passwordsFile ?? defaultPasswordsFile();
      await resetPassword(connection, name, file);
      console.log(t('district:users.reset', { user: name, path: file }));
    });
  users
    .command('disable')
    .description(t('district:cli.usersDisable'))
    .argument('<user>', t('district:cli.userName'))
    .action(async (name: string, _options: unknown, command: Command) => {
      const connection = await connectionOf(command);
      const changed = await (await unitUsers()).disableUser(connection, name);
      console.log(t(changed ? 'district:users.disabled' : 'district:users.alreadyDisabled', { user: name }));
    });
  users
    .command('enable')
    .description(t('district:cli.usersEnable'))
    .argument('<user>', t('district:cli.userName'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (name: string, options: { passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const { enableUser, defaultPasswordsFile } = await unitUsers();
      const file = options.passwordsFile ?? defaultPasswordsFile();
      const credential = await enableUser(connection, name, file);
      console.log(credential ? t('district:users.enabled', { user: name, path: file }) : t('district:users.notDisabled', { user: name }));
    });

  const persons = program.command('people').description(t('district:people.cli'));
  persons
    .command('add')
    .description(t('district:people.cliAdd'))
    .argument('<staffId...>', t('district:people.cliStaffId'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (staffIds: string[], options: { passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const file = options.passwordsFile ?? (await unitUsers()).defaultPasswordsFile();
      const accounts = await (await people()).addPeople(connection, staffIds, file);
      for (const a of accounts) console.log(t('district:people.added', { user: a.user, name: a.staffName, unit: a.unit }));
      console.log(t('district:passwords.written', { count: accounts.length, path: file }));
    });
  persons
    .command('import')
    .description(t('district:people.cliImport'))
    .requiredOption('--roster <file>', t('district:people.cliRoster'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (options: { roster: string; passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const file = options.passwordsFile ?? (await unitUsers()).defaultPasswordsFile();
      const accounts = await (await people()).importRoster(connection, options.roster, file);
      for (const a of accounts) console.log(t('district:people.added', { user: a.user, name: a.staffName, unit: a.unit }));
      console.log(t('district:passwords.written', { count: accounts.length, path: file }));
    });
  persons
    .command('reset')
    .description(t('district:people.cliReset'))
    .argument('<user>', t('district:people.cliUser'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (name: string, options: { passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const file = options.passwordsFile ?? (await unitUsers()).defaultPasswordsFile();
      const credential = await (await people()).resetPerson(connection, name, file);
      console.log(t('district:users.reset', { user: credential.user, path: file }));
    });
  persons
    .command('disable')
    .description(t('district:people.cliDisable'))
    .argument('<user>', t('district:people.cliUser'))
    .action(async (name: string, _options: unknown, command: Command) => {
      const connection = await connectionOf(command);
      const { user, changed } = await (await people()).disablePerson(connection, name);
      console.log(t(changed ? 'district:users.disabled' : 'district:users.alreadyDisabled', { user }));
    });
  persons
    .command('enable')
    .description(t('district:people.cliEnable'))
    .argument('<user>', t('district:people.cliUser'))
    .option('--passwords-file <path>', t('district:cli.passwordsFile'))
    .action(async (name: string, options: { passwordsFile?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const file = options.passwordsFile ?? (await unitUsers()).defaultPasswordsFile();
      const credential = await (await people()).enablePerson(connection, name, file);
      console.log(credential ? t('district:users.enabled', { user: credential.user, path: file }) : t('district:users.notDisabled', { user: name }));
    });

  const imports = program.command('import').description(t('district:cli.import'));
  const importOptions = (command: Command) =>
    command.option('--version <label>', t('district:cli.importVersion')).option('--dry-run', t('district:cli.dryRun'));
  importOptions(imports.command('catalog').description(t('district:cli.importCatalog')).argument('<file>', t('district:cli.tableFile'))).action(
    async (file: string, options: { version?: string; dryRun?: boolean }, command: Command) => {
      printImportReport(await (await importer()).importCatalog(await connectionOf(command), file, options));
    },
  );
  importOptions(imports.command('components').description(t('district:cli.importComponents')).argument('<file>', t('district:cli.tableFile'))).action(
    async (file: string, options: { version?: string; dryRun?: boolean }, command: Command) => {
      printImportReport(await (await importer()).importComponents(await connectionOf(command), file, options));
    },
  );
  importOptions(imports.command('grids').description(t('district:cli.importGrids')).argument('<file>', t('district:cli.geojsonFile'))).action(
    async (file: string, options: { version?: string; dryRun?: boolean }, command: Command) => {
      printImportReport(await (await importer()).importGrids(await connectionOf(command), file, options));
    },
  );

  program
    .command('status')
    .description(t('district:cli.status'))
    .option('--json', t('district:cli.json'))
    .option('--stale-hours <hours>', t('district:cli.staleHours'), staleHoursArgument, 24)
    .option('--html <file>', t('district:cli.statusHtml'))
    .option('--xlsx <file>', t('district:cli.statusXlsx'))
    .action(async (options: { json?: boolean; staleHours: number; html?: string; xlsx?: string }, command: Command) => {
      const connection = await connectionOf(command);
      const { readStatus, formatStatusTable, statusExitCode } = await statusReport();
      const status = await readStatus(connection, { staleAfterMs: options.staleHours * 3600_000 });
      console.log(options.json ? JSON.stringify(status, null, 2) : formatStatusTable(status));
      const exporter = await import('./statusExport');
      if (options.html) {
        await exporter.writeStatusHtml(status, options.html);
        console.error(t('district:status.written', { path: options.html }));
      }
      if (options.xlsx) {
        await exporter.writeStatusWorkbook(status, options.xlsx);
        console.error(t('district:status.written', { path: options.xlsx }));
      }
      process.exitCode = statusExitCode(status);
    });

  const settings = program.command('settings').description(t('district:cli.settings'));
  settings
    .command('set')
    .description(t('district:cli.settingsSet'))
    .argument('<unitCode>', t('district:cli.settingUnit'))
    .addOption(new Option('--update-channel <channel>', t('district:cli.updateChannelOption')).choices(['stable', 'beta']))
    .option('--update-url <url>', t('district:cli.updateUrlOption'))
    .option('--idle-lock-minutes <minutes>', t('district:cli.idleLockOption'), (value: string) => Number(value))
    .option('--basemap-url <url>', t('district:cli.basemapOption'))
    .option('--sync-window-months <months>', t('district:cli.syncWindowOption'), (value: string) => Number(value))
    .option('--settled-retention-days <days>', t('district:cli.settledRetentionOption'), (value: string) => Number(value))
    .option('--audit-retention-days <days>', t('district:cli.auditRetentionOption'), (value: string) => Number(value))
    .addOption(new Option('--clear <field...>', t('district:cli.clearOption')).choices([...SETTING_FIELDS]))
    .action(async (unit: string, options: SettingOptions, command: Command) => {
      const set: DistrictSettings = {
        ...(options.updateChannel ? { updateChannel: options.updateChannel } : {}),
        ...(options.updateUrl ? { updateUrl: options.updateUrl } : {}),
        ...(options.idleLockMinutes !== undefined ? { idleLockMinutes: options.idleLockMinutes } : {}),
        ...(options.basemapUrl ? { basemapUrl: options.basemapUrl } : {}),
        ...(options.syncWindowMonths !== undefined ? { syncWindowMonths: options.syncWindowMonths } : {}),
        ...(options.settledRetentionDays !== undefined ? { settledRetentionDays: options.settledRetentionDays } : {}),
        ...(options.auditRetentionDays !== undefined ? { auditRetentionDays: options.auditRetentionDays } : {}),
      };
      const clear = options.clear ?? [];
      if (Object.keys(set).length === 0 && clear.length === 0) throw new DistrictError(t('district:settings.nothing'));
      const connection = await connectionOf(command);
      const module = await districtSettings();
      await module.setSettings(connection, { unit, set, clear });
      console.log(t('district:settings.saved', { unit }));
      console.log(module.formatSettings(unit, await module.showSettings(connection, unit)));
    });
  settings
    .command('show')
    .description(t('district:cli.settingsShow'))
    .argument('<unitCode>', t('district:cli.settingUnit'))
    .option('--json', t('district:cli.json'))
    .action(async (unit: string, options: { json?: boolean }, command: Command) => {
      const connection = await connectionOf(command);
      const module = await districtSettings();
      const view = await module.showSettings(connection, unit);
      console.log(options.json ? JSON.stringify(view, null, 2) : module.formatSettings(unit, view));
    });

  program
    .command('rules')
    .description(t('district:cli.rules'))
    .action(async () => {
      console.log((await designDoc()).buildValidateDocUpdate());
    });

  program
    .command('report')
    .description(t('stats:district.cli'))
    .requiredOption('--month <YYYY-MM>', t('stats:district.month'))
    .option('--unit <code>', t('stats:district.unit'))
    .requiredOption('--out <file>', t('stats:district.out'))
    .action(async (options: { month: string; unit?: string; out: string }, command: Command) => {
      if (!/^[0-9]{4}(-(0[1-9]|1[0-2]))?$/.test(options.month)) throw new DistrictError(t('stats:district.badMonth', { month: options.month }));
      const connection = await connectionOf(command);
      const district = connection.district ?? options.unit?.slice(0, 6);
      if (!district) throw new DistrictError(t('stats:district.whichDistrict'));
      const report = await (await monthlyReport()).writeDistrictReport(connection, district, { month: options.month, unit: options.unit, out: options.out });
      console.log(t('stats:district.written', { path: options.out, unit: report.unit.name, month: options.month, orders: report.total.counts.reports, cases: report.mediation.total.cases }));
      if (report.replayed > 0) console.log(t('stats:district.replayed', { count: report.replayed }));
    });

  const audit = program.command('audit').description(t('district:audit.cli.audit'));
  const whichDistrict = async (connection: Connection, station?: string) =>
    connection.district ?? station?.slice(0, 6) ?? (await (await import('./districtInfo')).chooseDistrict(connection));
  audit
    .command('list', { isDefault: true })
    .description(t('district:audit.cli.list'))
    .option('--station <code>', t('district:audit.cli.station'))
    .option('--person <account>', t('district:audit.cli.person'))
    .option('--from <YYYY-MM-DD>', t('district:audit.cli.from'))
    .option('--to <YYYY-MM-DD>', t('district:audit.cli.to'))
    .option('--out <file>', t('district:audit.cli.out'))
    .action(async (options: { station?: string; person?: string; from?: string; to?: string; out?: string }, command: Command) => {
      const module = await auditRecords();
      const filter = { station: options.station, person: options.person, from: options.from, to: options.to };
      // Dates are checked before anything is asked of the server.
      if (options.from) module.chinaDayStart(options.from);
      if (options.to) module.chinaDayStart(options.to);
      const connection = await connectionOf(command);
      const docs = await module.listAudit(connection, await whichDistrict(connection, options.station), filter);
      if (options.out) {
        await module.writeAuditFile(docs, options.out, filter);
        console.log(t('district:audit.written', { count: docs.length, path: options.out }));
      } else {
        console.log(module.formatAuditTable(docs));
      }
    });
  audit
    .command('purge')
    .description(t('district:audit.cli.purge'))
    .option('--before <YYYY-MM-DD>', t('district:audit.cli.before'))
    .option('--dry-run', t('district:audit.cli.dryRun'))
    .action(async (options: { before?: string; dryRun?: boolean }, command: Command) => {
      const module = await auditRecords();
      if (options.before) module.chinaDayStart(options.before);
      const connection = await connectionOf(command);
      const report = await module.purgeAudit(connection, await whichDistrict(connection), { before: options.before, dryRun: options.dryRun });
      console.log(module.formatPurgeReport(report));
    });

  // Publishing app updates for stations lives in district/release/ (its own messages and tests).
  program.addCommand(releaseCommand);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // A command that ran but has news for a script sets its code (status: 2 when a unit is stale).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof DistrictError) console.error(err.message);
    else console.error(t('district:unexpected', { message: (err as Error).message ?? String(err) }));
    if (process.env.GRIDLINK_DEBUG) console.error(debugDump(err));
    return 1;
  }
}
