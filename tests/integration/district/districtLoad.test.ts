/**
 * The district bench's short version (issue 18): about 20 station clients, each the real sync
 * engine logged in as its village, start at once against a 3-node Apache CouchDB 3.5.0 cluster
 * behind haproxy (stations and replication jobs both go through it), then write heartbeats and
 * orders at a compressed village's rate for about a minute while one node is stopped and
 * started again. Asserts the behaviour, not timings: every initial sync completes, every write
 * reaches its town and the district, no replication job ends failed, the nodes catch up, and
 * the convergence checks of the randomized run find nothing lost (tests/support/soak/checks.ts).
 *
 * Starts its own servers (bench/district/servers.ts): it needs ../shared/couchdb and Debian's
 * haproxy, and is skipped, saying so, without them. It runs in the embedded pass of `npm test`
 * only: the Apache CouchDB pass (COUCHDB_URL) would run the same cluster a second time.
 */
import { describe, expect, it } from 'vitest';
import { runDistrictBench, DEFAULT_RATES, type DistrictBenchResult } from '../../support/districtLoad/bench';
import { clusterSkipReason } from '../../support/districtLoad/servers';

const skipReason = clusterSkipReason();
if (skipReason) console.log(`districtLoad: skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('a district’s stations at once on a CouchDB cluster that loses a node', () => {
  it('syncs every station, carries every write to the district, fails no job and loses nothing', async () => {
    const lines: string[] = [];
    let result: DistrictBenchResult;
    try {
      result = await runDistrictBench({
        size: { towns: 2, villagesPerTown: 10, ticketsPerVillage: 20, casesPerVillage: 2, componentsPerVillage: 20, staffPerVillage: 2 },
        cluster: true,
        steadySeconds: 36,
        timeFactor: 60,
        idleSeconds: 0,
        catchUpSeconds: 20,
        ...DEFAULT_RATES,
        log: (line) => lines.push(line),
      });
    } finally {
      console.log(lines.join('\n'));
    }
    expect(result.stations).toBe(20);
    // Every station synced its year.
    expect(result.initial.count).toBe(20);
    expect(result.workerErrors).toEqual([]);
    // The steady state wrote, and with a node down for a third of it, every write reached its
    // town and the district.
    expect(result.propagation.writes).toBeGreaterThan(10);
    expect({ town: result.propagation.missingTown, district: result.propagation.missingDistrict }).toEqual({ town: 0, district: 0 });
    // No job ended failed or crashes for a reason a retry cannot cure (a job between two tries
    // after the node's restart cut its stream is retried by CouchDB: reported, not a failure),
    // and the stopped node came back and caught up.
    expect(result.failedJobs).toEqual([]);
    if (result.retryingJobs.length > 0) console.log(`retrying at the end: ${result.retryingJobs.join('; ')}`);
    expect(result.cluster?.stoppedAtS).toBeGreaterThan(0);
    expect(Number.isFinite(result.cluster?.caughtUpMs)).toBe(true);
    // Nothing lost, nothing pending, no sibling leak, every replica equal: the soak's checks.
    expect(result.checks).toEqual({});
  }, 300_000);
});
