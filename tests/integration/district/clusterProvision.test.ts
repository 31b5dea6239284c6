/**
 * `district provision` on a 3-node Apache CouchDB cluster, run through the balancer as IT would
 * (issue 18): each node keeps its own config, so the settings must land on every node, and the
 * nodes must share each admin's password hash, the cookie secret and the server uuid; otherwise
 * a session cookie one node gave is refused by the next, and replication jobs on a node that
 * provisioning did not reach log in with cookies and rotate under the default `max_jobs`.
 *
 * Starts its own cluster (tests/support/districtLoad/servers.ts): it needs ../shared/couchdb and
 * Debian's haproxy, and is skipped, saying so, without them; embedded pass only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../../district/connection';
import { generateDemoDistrict } from '../../../district/demo';
import { provision, wantedSettings } from '../../../district/provision';
import { clusterDrift, nodesOf, serverDrift } from '../../../district/serverSettings';
import { formatStatusTable, readStatus } from '../../../district/status';
import { clusterSkipReason, startBenchServer, type BenchServer } from '../../support/districtLoad/servers';

const skipReason = clusterSkipReason();
if (skipReason) console.log(`clusterProvision: skipped: ${skipReason}`);

let server: BenchServer;
let connection: Connection;
let dir: string;

/** A session cookie from one node, tried on another: what a balancer does between two requests. */
async function cookieFrom(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: server.admin.username, password: server.admin.password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

async function sessionOn(port: number, cookie: string): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${port}/_session`, { headers: { cookie } });
  const body = (await response.json()) as { userCtx?: { name: string | null } };
  return response.ok ? (body.userCtx?.name ?? null) : null;
}

describe.skipIf(skipReason !== null)('provisioning a district on a CouchDB cluster through its balancer', () => {
  beforeAll(async () => {
    server = await startBenchServer({ cluster: true });
    dir = mkdtempSync(join(tmpdir(), 'gridlink-cluster-provision-'));
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('puts the settings on every node and gives the nodes one admin hash, secret and uuid', async () => {
    const demo = generateDemoDistrict({ districtCode: '320599', towns: 1, villagesPerTown: 2, ticketsPerVillage: 0, casesPerVillage: 0, componentsPerVillage: 0 });
    connection = await connect({ server: server.url, user: server.admin.username, password: server.admin.password, district: demo.orgTree.code });
    const nodes = await nodesOf(connection);
    expect(nodes).toHaveLength(3);
    const [first, second, third] = server.nodes.map((n) => n.port) as [number, number, number];

    // Nodes set up by hand, one at a time, as CouchDB's own setup leaves them: the second salted
    // its admin hash itself (the same password, another salt), the third has a cookie secret of
    // its own. (The test launcher starts them alike, so this makes them differ.)
    const admin = { authorization: 'Basic ' + Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64') };
    const setOn = (node: string, path: string, value: string) =>
      fetch(`${server.url}/_node/${encodeURIComponent(node)}/_config/${path}`, { method: 'PUT', headers: admin, body: JSON.stringify(value) });
    const nodeOfPort = (port: number) => nodes.find((n) => n.includes(`-${port}@`)) ?? '';
    expect((await setOn(nodeOfPort(third), 'chttpd_auth/secret', 'a-secret-of-its-own')).status).toBe(200);
    expect((await setOn(nodeOfPort(second), `admins/${server.admin.username}`, server.admin.password)).status).toBe(200);
    // CouchDB 3.4+ hashes a password set in clear a moment later; until then that node refuses it.
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${second}/_session`, { headers: admin })).status, { timeout: 20_000 }).toBe(200);
    const before = await clusterDrift(connection);
    expect(before).toEqual(
      expect.arrayContaining([
        { node: nodeOfPort(second), section: 'admins', key: server.admin.username },
        { node: nodeOfPort(third), section: 'chttpd_auth', key: 'secret' },
      ]),
    );
    const cookie = await cookieFrom(first);
    expect(await sessionOn(first, cookie)).toBe(server.admin.username);
    expect(await sessionOn(second, cookie)).toBeNull();
    expect(await sessionOn(third, cookie)).toBeNull();
    expect(formatStatusTable(await readStatus(connection, { staleAfterMs: 60_000 }))).toMatch(/集群：2 项在各节点间不一致/);

    await provision(connection, demo.orgTree, { passwordsFile: join(dir, 'passwords.csv') });

    expect(await clusterDrift(connection)).toEqual([]);
    expect(await serverDrift(connection, await wantedSettings(connection))).toEqual([]);
    // Asked of each node by name (not through `_local`, which the balancer sends anywhere).
    for (const node of nodes) {
      const response = await fetch(`${server.url}/_node/${encodeURIComponent(node)}/_config/replicator/auth_plugins`, { headers: admin });
      expect(await response.json()).toBe('couch_replicator_auth_noop');
    }
    const after = await cookieFrom(first);
    for (const port of [first, second, third]) expect(await sessionOn(port, after)).toBe(server.admin.username);

    const status = formatStatusTable(await readStatus(connection, { staleAfterMs: 60_000 }));
    expect(status).toMatch(/集群：3 个节点的管理员口令散列、会话密钥和服务器标识一致/);
  }, 300_000);
});
