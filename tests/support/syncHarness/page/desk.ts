/**
 * One workstation of the randomized convergence run, in its own Chromium: the station app's
 * startup without its screens (the local database in IndexedDB, the materializer, the sync with
 * the app's conflict policies and records) and the app's own commands (work-order steps,
 * mediation sessions through the screens' case writer). The run's choices come from the
 * orchestrator as numbers in [0, 1), so one seed replays the same choices.
 */
import { openDatabase, type GridlinkDatabase } from '../../../../sync/database';
import { startStationSync, type StationSync, type SyncStatus } from '../../../../sync';
import type { Credentials } from '../../../../sync/couchClient';
import { markOf, type StoredDoc } from '../../../../sync/serverMark';
import type { Actor } from '../../../../core/actor';
import { stationConflictPolicies } from '../../../../core/conflicts/policies';
import { stationConflictRecorder } from '../../../../core/conflicts/conflictRecords';
import { recordSession } from '../../../../core/mediation';
import type { AnyDoc, CollectionName, QuarantineDoc } from '../../../../core/schema';
import { createTicket, loadTicket, performAction, type ActionInput } from '../../../../core/workorders/commands';
import { startMaterializer } from '../../../../core/workorders/materializer';
import { isOpen } from '../../../../core/workorders/orderClock';
import { ActionRefusedError, availableActions, type WorkorderAction } from '../../../../core/workorders/stateMachine';
import { WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';
import { createCaseWriter } from '../../../../renderer/features/mediation/caseWriter';

export interface DeskSetup {
  serverUrl: string;
  dbName: string;
  credentials: Credentials;
  /** The IndexedDB database (one per desk and profile). */
  localName: string;
  actor: Actor;
  /** A catalog item and two departments, for the steps that need them (立案, 联办). */
  catalog: { code: string; departmentCode: string; otherDepartmentCode: string };
}

/** What a command did: the docs it wrote (acknowledged by the local database), or why it did nothing. */
export type DeskOutcome =
  | { done: true; what: string; subjectId: string; eventIds: string[]; token?: string }
  | { done: false; what: string; reason: string };

export interface DeskDump {
  docs: Partial<Record<CollectionName, AnyDoc[]>>;
  quarantine: QuarantineDoc[];
  status: SyncStatus | null;
  errors: string[];
  /** Each stored doc's local revision and server mark (serverMark.ts): evidence of why a doc is what it is. */
  marks: Record<string, { rev: string; mark?: unknown }>;
}

const calendar = new WorkdayCalendar();
let setup: DeskSetup | null = null;
let db: GridlinkDatabase | null = null;
let sync: StationSync | null = null;
let stopMaterializer: (() => Promise<void>) | null = null;
let lastStatus: SyncStatus | null = null;
/** Errors the desk met outside a command (the materializer, the conflict recorder). */
const errors: string[] = [];

function open(): { db: GridlinkDatabase; setup: DeskSetup } {
  if (!db || !setup) throw new Error('desk not open');
  return { db, setup };
}

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.min(items.length - 1, Math.floor(r * items.length))];
}

/** The payload a clerk would fill in for `action` (the fields the machine requires). */
function payloadOf(action: WorkorderAction, catalog: DeskSetup['catalog'], r: number): Record<string, unknown> {
  switch (action) {
    case 'file':
      return { catalogItemCode: catalog.code, departmentCode: catalog.departmentCode, timeLimitHours: 24 };
    case 'dispatch':
      return { assignee: '网格员甲' };
    case 'joint':
      return { departments: [catalog.departmentCode, catalog.otherDepartmentCode] };
    case 'requestExtension':
    case 'extend':
      return { hours: 8 };
    case 'verify':
      return { passed: r < 0.75 };
    case 'evaluate':
      return { satisfaction: 'satisfied' };
    default:
      return {};
  }
}

async function eventIdsOf(subjectId: string): Promise<Set<string>> {
  return new Set((await open().db.events.find({ selector: { subjectId } }).exec()).map((e) => e.primary));
}

const desk = {
  async open(next: DeskSetup): Promise<void> {
    setup = next;
    db = await openDatabase({ name: next.localName });
    stopMaterializer = startMaterializer(db, next.actor, (error) => errors.push(`materializer: ${String(error).slice(0, 300)}`));
    sync = await startStationSync({
      db,
      serverUrl: next.serverUrl,
      dbName: next.dbName,
      credentials: next.credentials,
      policies: stationConflictPolicies(next.actor.unit, db.events),
      recordConflicts: stationConflictRecorder(db.events, next.actor),
      retry: { minMs: 100, maxMs: 1_000 },
      requestTimeoutMs: 15_000,
    });
    sync.status$.subscribe((status) => (lastStatus = status));
  },

  /** 登记: a new order on one of this unit's grids. */
  async createOrder(gridCode: string, token: string): Promise<DeskOutcome> {
    const { db, setup } = open();
    const ticket = await createTicket(
      db,
      { source: 'patrol', gridCode, address: `测试地址 ${token}`, description: `随机运行 ${token}`, reporterName: '网格员', reporterPhone: '', priority: 'normal', photoIds: [] },
      setup.actor,
      { calendar },
    );
    return { done: true, what: 'create', subjectId: ticket.id, eventIds: [...(ticket.eventIds ?? [])] };
  },

  /** One step the unit may take now on an open order it sees, both chosen by `r1`, `r2`. */
  async act(r1: number, r2: number, token: string): Promise<DeskOutcome> {
    const { db, setup } = open();
    const now = new Date().toISOString();
    const choices: { id: string; actions: WorkorderAction[] }[] = [];
    for (const doc of await db.tickets.find({ sort: [{ id: 'asc' }] }).exec()) {
      if (!isOpen(doc.state)) continue;
      const loaded = await loadTicket(db, doc.primary);
      if (!loaded || loaded.missing.length > 0) continue;
      const actions = availableActions(loaded.loop, setup.actor.unit, now);
      if (actions.length > 0) choices.push({ id: doc.primary, actions });
    }
    if (choices.length === 0) return { done: false, what: 'act', reason: 'nothing to do' };
    const choice = pick(choices, r1);
    const action = pick(choice.actions, r2);
    const before = await eventIdsOf(choice.id);
    const input: ActionInput = { action, note: `随机步骤 ${token}`, payload: payloadOf(action, setup.catalog, r2) };
    try {
      await performAction(db, choice.id, input, setup.actor, { calendar });
    } catch (error) {
      // The machine refused on a state another desk's step changed meanwhile: nothing stored.
      if (error instanceof ActionRefusedError) return { done: false, what: action, reason: error.message };
      throw error;
    }
    const after = await eventIdsOf(choice.id);
    return { done: true, what: action, subjectId: choice.id, eventIds: [...after].filter((id) => !before.has(id)) };
  },

  /** 调解会: a session on an open case of this unit, its record carrying `token`. */
  async recordSession(r: number, token: string): Promise<DeskOutcome> {
    const { db, setup } = open();
    const cases = (await db.cases.find({ sort: [{ id: 'asc' }] }).exec()).filter((c) => c.ownerCode === setup.actor.unit && (c.state === 'registered' || c.state === 'mediating'));
    if (cases.length === 0) return { done: false, what: 'session', reason: 'no open case' };
    const kase = pick(cases, r);
    const writer = createCaseWriter(db, setup.actor.unit, setup.actor);
    const before = await eventIdsOf(kase.primary);
    await writer.apply(kase.primary, (doc) => recordSession(doc, { at: new Date().toISOString(), place: '调解室', record: `调解记录 ${token}` }, setup.actor));
    const after = await eventIdsOf(kase.primary);
    return { done: true, what: 'session', subjectId: kase.primary, eventIds: [...after].filter((id) => !before.has(id)), token };
  },

  status: (): SyncStatus | null => lastStatus,

  /** Whether this page's desk is open (a page loaded anew has the desk's functions, not its data). */
  isOpen(): boolean {
    return db !== null && setup !== null;
  },

  /** Resolves once nothing waits to be pushed or pulled (or after `ms`: the caller looks again). */
  async settle(ms: number): Promise<SyncStatus | null> {
    if (sync) await Promise.race([sync.awaitInSync(), new Promise((r) => setTimeout(r, ms))]);
    return lastStatus;
  },

  /** Everything the desk holds, without RxDB's bookkeeping. */
  async dump(): Promise<DeskDump> {
    const { db } = open();
    const docs: DeskDump['docs'] = {};
    const marks: DeskDump['marks'] = {};
    for (const [name, collection] of Object.entries(db.collections) as [CollectionName, GridlinkDatabase[CollectionName]][]) {
      if (name === 'quarantine') continue;
      const found = await collection.find().exec();
      docs[name] = found.map((d) => d.toJSON() as AnyDoc);
      const stored = await collection.storageInstance.findDocumentsById(found.map((d) => d.primary), true);
      for (const doc of stored) marks[doc.id as string] = { rev: doc._rev, mark: markOf(doc as StoredDoc) };
    }
    const quarantine = (await db.quarantine.find().exec()).map((q) => q.toJSON() as QuarantineDoc);
    return { docs, quarantine, status: lastStatus, errors: [...errors], marks };
  },

  async close(): Promise<void> {
    // As the app does: the sync first, so what its last page stores is still folded in.
    await sync?.stop();
    await stopMaterializer?.();
    await db?.close();
    stopMaterializer = null;
    sync = null;
    db = null;
  },
};

declare global {
  interface Window {
    gridlinkDesk: typeof desk;
  }
}
window.gridlinkDesk = desk;
