/**
 * The server settings provisioning asks for, sized from the district: the values that grow with
 * it (max_jobs, max_dbs_open) and the JavaScript process pool shared by every database.
 */
import { describe, expect, it } from 'vitest';
import { serverSettingsOf, type ServerSetting } from '../../../district/serverSettings';

const valueOf = (settings: ServerSetting[], section: string, key: string) => settings.find((s) => s.section === section && s.key === key);

describe('server settings', () => {
  it('keep every shard of every database open: max_dbs_open counts shards, not databases', () => {
    // The bench district: 231 databases at CouchDB's default q=2 are 462 shard files.
    const bench = serverSettingsOf({ jobs: 460, databases: 231, shardsPerDatabase: 2 });
    expect(Number(valueOf(bench, 'couchdb', 'max_dbs_open')?.value)).toBeGreaterThanOrEqual(462 * 1.25);
    expect(valueOf(bench, 'couchdb', 'max_dbs_open')?.compare).toBe('atLeast');
    // A server without shards (pouchdb-server) or with q=1: the floor of 500 holds.
    expect(valueOf(serverSettingsOf({ jobs: 10, databases: 10 }), 'couchdb', 'max_dbs_open')?.value).toBe('500');
    expect(Number(valueOf(serverSettingsOf({ jobs: 3336, databases: 1678, shardsPerDatabase: 1 }), 'couchdb', 'max_dbs_open')?.value)).toBeGreaterThanOrEqual(1678 * 1.25);
  });

  it('run every job: max_jobs grows with the district', () => {
    expect(Number(valueOf(serverSettingsOf({ jobs: 3336, databases: 1678 }), 'replicator', 'max_jobs')?.value)).toBeGreaterThanOrEqual(3336 * 1.25);
  });

  it('share one pool of JavaScript processes between the databases, which all hold the same rules', () => {
    expect(valueOf(serverSettingsOf({ jobs: 0, databases: 0 }), 'query_server_config', 'db_tag')).toMatchObject({ value: 'none', compare: 'equal' });
  });
});
