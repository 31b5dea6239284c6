/**
 * What must hold once the randomized run has healed: pure checks over what every replica holds
 * (each desk's IndexedDB, each unit's server database, the district's) and what the desks were
 * told they had stored. Each returns the failures it found, in words, for the run's report.
 */
import { conflictRecordOf } from '../../../core/conflicts/conflictRecords';
import { flowsDownTo } from '../../../core/topology';
import type { AnyDoc, EventDoc, QuarantineDoc, TicketDoc } from '../../../core/schema';
import { PROJECTED_FIELDS, projectTicket } from '../../../core/workorders/projection';
import type { SyncStatus } from '../../../sync';

/** A write a desk's command resolved with: stored in its local database, so it must not be lost. */
export interface Acknowledged {
  desk: string;
  what: string;
  subjectId: string;
  eventIds: string[];
  /** The mediation session's record text carries it (the silent-loss check looks for it). */
  token?: string;
}

export interface DeskReplica {
  name: string;
  unit: string;
  docs: AnyDoc[];
  quarantine: QuarantineDoc[];
  status: SyncStatus | null;
  errors: string[];
}

export interface ServerReplica {
  /** The unit whose database it is (the district's code for the district's). */
  unit: string;
  dbName: string;
  docs: AnyDoc[];
  /** Each doc's winning revision: evidence for a failure, not checked. */
  revs?: Record<string, string>;
  /** Docs with conflicting revisions the server keeps hidden, by id. */
  conflicted: string[];
}

export interface World {
  districtCode: string;
  desks: DeskReplica[];
  servers: ServerReplica[];
  acknowledged: Acknowledged[];
}

export type Check = (world: World) => string[];

/** The doc as data: without `_rev`, `_meta` and the storage's other bookkeeping, keys sorted. */
export function canonical(doc: object): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !key.startsWith('_'))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, inner]) => [key, strip(inner)]),
      );
    }
    return value;
  };
  return JSON.stringify(strip(doc));
}

function byId(docs: readonly AnyDoc[]): Map<string, AnyDoc> {
  return new Map(docs.map((doc) => [doc.id, doc]));
}

function serverOf(world: World, unit: string): ServerReplica | undefined {
  return world.servers.find((s) => s.unit === unit);
}

function rejected(desk: DeskReplica): QuarantineDoc[] {
  return desk.quarantine.filter((q) => q.kind === 'rejectedPush' && !q.resolvedAt);
}

const few = (items: readonly string[], max = 8) => items.slice(0, max).join(', ') + (items.length > max ? ` … (${items.length})` : '');

/** Nothing waits to be uploaded, and every desk is online. */
export const nothingPending: Check = (world) =>
  world.desks.flatMap((desk) => {
    if (!desk.status) return [`${desk.name}: no sync status`];
    const out: string[] = [];
    if (desk.status.pendingTotal > 0) out.push(`${desk.name}: ${desk.status.pendingTotal} still waiting to upload ${JSON.stringify(desk.status.pendingUploads)}`);
    if (desk.status.connection !== 'online') out.push(`${desk.name}: connection ${desk.status.connection} after the network healed`);
    return out;
  });

/** Every desk holds exactly its unit's server database. */
export const desksEqualTheirStation: Check = (world) =>
  world.desks.flatMap((desk) => {
    const server = serverOf(world, desk.unit);
    if (!server) return [`${desk.name}: no server database for ${desk.unit}`];
    const local = byId(desk.docs);
    const remote = byId(server.docs);
    const onlyLocal = [...local.keys()].filter((id) => !remote.has(id));
    const onlyServer = [...remote.keys()].filter((id) => !local.has(id));
    const differ = [...local.keys()].filter((id) => remote.has(id) && canonical(local.get(id)!) !== canonical(remote.get(id)!));
    return [
      ...(onlyLocal.length ? [`${desk.name}: only on the desk: ${few(onlyLocal)}`] : []),
      ...(onlyServer.length ? [`${desk.name}: only on ${server.dbName}: ${few(onlyServer)}`] : []),
      ...(differ.length ? [`${desk.name}: differs from ${server.dbName}: ${few(differ)}`] : []),
    ];
  });

/** A doc held by several server databases is the same doc in each, and none hides a conflict. */
export const serversAgree: Check = (world) => {
  const out: string[] = [];
  const seen = new Map<string, { db: string; text: string }>();
  for (const server of world.servers) {
    if (server.conflicted.length) out.push(`${server.dbName}: hidden conflicting revisions on ${few(server.conflicted)}`);
    for (const doc of server.docs) {
      const text = canonical(doc);
      const first = seen.get(doc.id);
      if (!first) seen.set(doc.id, { db: server.dbName, text });
      else if (first.text !== text) out.push(`${doc.id}: ${first.db} and ${server.dbName} hold different versions`);
    }
  }
  return out;
};

/**
 * Every ticket, in every replica, is the projection of the events that replica holds, and was
 * folded from all of them. An order held by a unit no desk of the run opens (escalated to the
 * district) waits for that unit to fold the steps sent to it: there, the projection of the
 * events it was folded from.
 */
export const ticketsAreTheirEvents: Check = (world) => {
  const folding = new Set(world.desks.map((d) => d.unit));
  const replicas = [...world.desks.map((d) => ({ name: d.name, docs: d.docs })), ...world.servers.map((s) => ({ name: s.dbName, docs: s.docs }))];
  const out: string[] = [];
  for (const replica of replicas) {
    const events = new Map<string, EventDoc[]>();
    for (const doc of replica.docs) {
      if (doc.type !== 'ticketEvent') continue;
      const event = doc as EventDoc;
      (events.get(event.subjectId) ?? events.set(event.subjectId, []).get(event.subjectId)!).push(event);
    }
    for (const doc of replica.docs) {
      if (doc.type !== 'ticket') continue;
      const ticket = doc as TicketDoc;
      const all = events.get(ticket.id) ?? [];
      const own = folding.has(ticket.holderCode) ? all : all.filter((e) => ticket.eventIds?.includes(e.id));
      const projected = projectTicket(ticket, own) as unknown as Record<string, unknown>;
      const stored = ticket as unknown as Record<string, unknown>;
      const wrong = [...PROJECTED_FIELDS].filter((field) => JSON.stringify(projected[field]) !== JSON.stringify(stored[field]));
      if (wrong.length) out.push(`${replica.name}: ${ticket.id} is not its events' projection (${wrong.map((f) => `${f}: ${JSON.stringify(stored[f])} ≠ ${JSON.stringify(projected[f])}`).join('; ')})`);
      if (ticket.eventIds) {
        const folded = new Set(ticket.eventIds);
        const unfolded = own.filter((e) => !folded.has(e.id)).map((e) => e.id);
        const absent = ticket.eventIds.filter((id) => !own.some((e) => e.id === id));
        if (unfolded.length) out.push(`${replica.name}: ${ticket.id} not folded from ${few(unfolded)}`);
        if (absent.length) out.push(`${replica.name}: ${ticket.id} folded from events it does not hold: ${few(absent)}`);
      }
    }
  }
  return out;
};

/** What a desk was told it stored reached the district, unless the server refused it and the desk shows that. */
export const nothingAcknowledgedLost: Check = (world) => {
  const district = serverOf(world, world.districtCode);
  if (!district) return ['no district database'];
  const there = new Set(district.docs.map((d) => d.id));
  const out: string[] = [];
  for (const write of world.acknowledged) {
    const desk = world.desks.find((d) => d.name === write.desk);
    const refusedIds = new Set(desk ? rejected(desk).map((q) => q.docId) : []);
    const lost = [write.subjectId, ...write.eventIds].filter((id) => !there.has(id) && !refusedIds.has(id));
    if (lost.length) out.push(`${write.desk} ${write.what}: ${few(lost)} never reached the district`);
  }
  return out;
};

/** A unit's replicas hold only what flows down to that unit. */
export const noSiblingLeak: Check = (world) => {
  const out: string[] = [];
  const replicas = [...world.desks.map((d) => ({ name: d.name, unit: d.unit, docs: d.docs })), ...world.servers.filter((s) => s.unit !== world.districtCode).map((s) => ({ name: s.dbName, unit: s.unit, docs: s.docs }))];
  for (const replica of replicas) {
    const foreign = replica.docs.filter((doc) => !flowsDownTo(doc, replica.unit)).map((doc) => doc.id);
    if (foreign.length) out.push(`${replica.name}: holds another unit's ${few(foreign)}`);
  }
  return out;
};

/**
 * Every mediation session a desk stored is in its case at the district, or in a conflict record
 * there (a merge kept the other side and recorded this one), or refused and shown on its desk.
 */
export const noSilentConflictLoss: Check = (world) => {
  const district = serverOf(world, world.districtCode);
  if (!district) return [];
  const docs = byId(district.docs);
  const records = district.docs.flatMap((doc) => (doc.type === 'auditEvent' ? [conflictRecordOf(doc as EventDoc)] : [])).filter((r) => r !== null);
  const out: string[] = [];
  for (const write of world.acknowledged) {
    if (!write.token) continue;
    const kase = docs.get(write.subjectId);
    if (kase && JSON.stringify(kase).includes(write.token)) continue;
    if (records.some((r) => r.docId === write.subjectId && JSON.stringify(r.losingValue).includes(write.token!))) continue;
    const desk = world.desks.find((d) => d.name === write.desk);
    if (desk && rejected(desk).some((q) => q.docId === write.subjectId && JSON.stringify(q.doc).includes(write.token!))) continue;
    out.push(`${write.desk}: session ${write.token} on ${write.subjectId} is nowhere: not in the case, no conflict record, no refusal`);
  }
  return out;
};

/**
 * Every refusal is kept and shown: the header's count is the desk's refused uploads. And since
 * every desk ran only the app's own commands, a refusal is itself a failure: a legitimate step
 * the server turned away.
 */
export const refusalsShownAndNone: Check = (world) =>
  world.desks.flatMap((desk) => {
    const kept = rejected(desk);
    const out: string[] = [];
    if ((desk.status?.rejected.count ?? 0) !== kept.length) out.push(`${desk.name}: header says ${desk.status?.rejected.count} refused, quarantine holds ${kept.length}`);
    for (const q of kept) out.push(`${desk.name}: the server refused ${q.docId}: ${q.reason}`);
    return out;
  });

/** Nothing went wrong behind the screens (folding events in, recording conflicts). */
export const noBackgroundErrors: Check = (world) => world.desks.flatMap((desk) => desk.errors.map((e) => `${desk.name}: ${e}`));

export const CHECKS: Record<string, Check> = {
  nothingPending,
  desksEqualTheirStation,
  serversAgree,
  ticketsAreTheirEvents,
  nothingAcknowledgedLost,
  noSiblingLeak,
  noSilentConflictLoss,
  refusalsShownAndNone,
  noBackgroundErrors,
};

/** Every check's failures, by check name (empty: the run converged). */
export function checkWorld(world: World): Record<string, string[]> {
  const failures: Record<string, string[]> = {};
  for (const [name, check] of Object.entries(CHECKS)) {
    const found = check(world);
    if (found.length) failures[name] = found;
  }
  return failures;
}
