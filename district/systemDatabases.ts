/**
 * The server's own databases, closed to stations:
 * - `_users`: a unit's account may change its password and nothing else (CouchDB lets a user
 *   edit every other field of its own doc, and pouchdb-server even its roles), and never create
 *   accounts. Roles come from the unit (unitUsers.ts), never from fields a user could write.
 * - `_replicator`: jobs are the district's; a station writing its own would run under the
 *   server's scheduler and eat its `max_jobs`. Members: server admins only.
 * - `gl-releases`: the update feed; every unit reads it, only district admins write it.
 *
 * Each gets a validate_doc_update (plain ES5, as every engine a district may run accepts) and a
 * `_security`; provisioning keeps both as they should be, like the stations' own.
 */
import type { ServerScope } from 'nano';
import { RELEASE_DATABASE } from '../ipc/contract';
import { DISTRICT_ADMIN_ROLE, UNIT_ROLE } from '../core/rules';
import { ensureDatabase, ensureDesignDoc } from './ensure';
import type { SecurityObject } from './topologyPlan';

export interface SystemDatabase {
  name: string;
  /** Null: leave the server's own (`_users` keeps CouchDB's: members see only their own doc). */
  security: SecurityObject | null;
  designDoc: { _id: string; validate_doc_update: string };
}

/** Fields the server writes when a user sets a new password (CouchDB hashes it before validating). */
const PASSWORD_FIELDS = ['password', 'derived_key', 'salt', 'iterations', 'password_scheme', 'pbkdf2_prf', 'password_sha'];

const isAdmin = `var roles = (userCtx && userCtx.roles) || []; var admin = roles.indexOf('_admin') !== -1 || roles.indexOf('${DISTRICT_ADMIN_ROLE}') !== -1;`;

const usersValidate = [
  'function (newDoc, oldDoc, userCtx) {',
  `  ${isAdmin}`,
  '  if (admin) return;',
  "  if (!oldDoc || oldDoc._deleted) throw({ forbidden: '只有区级管理员可以新建账号。' });",
  "  if (newDoc._deleted) throw({ forbidden: '只有区级管理员可以删除账号。' });",
  `  var free = ${JSON.stringify(['_id', '_rev', '_revisions', ...PASSWORD_FIELDS])};`,
  '  var keys = {}; var k;',
  '  for (k in newDoc) if (Object.prototype.hasOwnProperty.call(newDoc, k)) keys[k] = true;',
  '  for (k in oldDoc) if (Object.prototype.hasOwnProperty.call(oldDoc, k)) keys[k] = true;',
  '  for (k in keys) {',
  '    if (free.indexOf(k) !== -1) continue;',
  "    if (JSON.stringify(newDoc[k]) !== JSON.stringify(oldDoc[k])) throw({ forbidden: '账号只能修改自己的密码，不能修改「' + k + '」。' });",
  '  }',
  '}',
].join('\n');

const adminOnlyValidate = (what: string) =>
  ['function (newDoc, oldDoc, userCtx) {', `  ${isAdmin}`, `  if (!admin) throw({ forbidden: '${what}只有区级管理员可以写入。' });`, '}'].join('\n');

export const SYSTEM_DATABASES: readonly SystemDatabase[] = [
  { name: '_users', security: null, designDoc: { _id: '_design/gridlink-users', validate_doc_update: usersValidate } },
  {
    name: '_replicator',
    security: { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } },
    designDoc: { _id: '_design/gridlink-replicator', validate_doc_update: adminOnlyValidate('复制任务') },
  },
  {
    name: RELEASE_DATABASE,
    security: { admins: { names: [], roles: [DISTRICT_ADMIN_ROLE] }, members: { names: [], roles: [UNIT_ROLE, DISTRICT_ADMIN_ROLE] } },
    designDoc: { _id: '_design/gridlink-releases', validate_doc_update: adminOnlyValidate('更新源') },
  },
];

/**
 * The update feed's database as provisioning leaves it, for `release publish --couch` on a
 * server not provisioned yet: created closed (stations read, district admins write).
 */
export async function ensureReleaseDatabase(server: ServerScope): Promise<void> {
  const release = SYSTEM_DATABASES.find((system) => system.name === RELEASE_DATABASE)!;
  await ensureDatabase(server, release.name);
  await server.request({ db: release.name, path: '_security', method: 'put', body: release.security });
  await ensureDesignDoc(server, release.name, release.designDoc);
}
