/**
 * The statistics' CouchDB views on the district database (`gl-district-<code>`), where every
 * station's orders, events and cases end up (DESIGN.md: everything replicates up). Provisioned
 * with the rules; plain ES5 map functions (QuickJS, SpiderMonkey and pouchdb-server alike).
 *
 * Every indicator is map/reduce over the statistics record the projection keeps on each ticket
 * (`ticket.stats`, core/workorders/orderStats.ts: each fact with its time), read at its last state:
 * - `counts` (`_sum` of a vector, VECTOR below): one row per order under
 *   [month, 'o', owner, grid, reporter, levels] and one under [month, 'd', department, reporter,
 *   levels, '']. Grouped, a month is a few rows per grid: by owner they give the unit rows, by
 *   grid the grid rows, by reporter the worker rows (and the distinct reporters), by department
 *   the department rows. `levels` is the owner's level raised by the units the order reached,
 *   then the non-unit codes it reached (departments, staff): the reader knows which departments
 *   are enforcement and so takes the level funnel and 在格解决率 from it.
 * - `due` [month, owner] → [deadline, grid, reporter, department, closed late]: the open dispatched
 *   orders (past their deadline or not is the report moment's question) and those closed late,
 *   with their ids (超期 opens its orders).
 * - `legacy` [month, owner]: orders whose ticket has no record (written before it existed, or
 *   folded out of time order): the report reads those, with their events (`events` [order id]),
 *   and replays them with the app's code, and says how many.
 * - `cases` [month, owner]: the month's mediation cases.
 *
 * The month is the report's month in China time (UTC+8), as core/stats/period.ts counts it.
 */
import type { ServerScope } from 'nano';
import { OPEN_STATES } from '../core/workorders/orderClock';
import { ORDER_STATS_VERSION } from '../core/workorders/orderStats';
import { isConflict, isNotFound } from './connection';

export const STATS_DESIGN_DOC_ID = '_design/gridlink-stats';

/** `YYYY-MM` of an ISO instant in China time, in ES5. */
const MONTH_OF = "function monthOf(iso) { return new Date(Date.parse(iso) + 28800000).toISOString().slice(0, 7); }";

/** What each position of a `counts` row's value sums. */
export const VECTOR = ['reports', 'voided', 'valid', 'selfHandled', 'escalated', 'closed', 'onTime', 'overdueClosed', 'dispatched', 'fedBack', 'reworked', 'supervised', 'extended', 'handlingMs', 'timed'] as const;
export type VectorKey = (typeof VECTOR)[number];

/** The plain counts of the vector that are the core's counts of the same name. */
export const COUNT_VIEW_KEYS = ['reports', 'voided', 'valid', 'selfHandled', 'escalated', 'closed', 'onTime', 'dispatched', 'fedBack', 'reworked', 'supervised', 'extended'] as const;

export interface StatsDesignDoc {
  _id: string;
  _rev?: string;
  language: 'javascript';
  views: Record<string, { map: string; reduce?: string }>;
}

const HAS_STATS = `doc.stats && doc.stats.v === ${ORDER_STATS_VERSION} && doc.stats.states && doc.stats.states.length > 0`;

const COUNTS_MAP = [
  'function (doc) {',
  `  if (doc.type !== 'ticket' || !doc.ownerCode || !(${HAS_STATS})) return;`,
  `  ${MONTH_OF}`,
  '  var s = doc.stats;',
  '  var month = monthOf(s.reportedAt);',
  '  var last = s.states[s.states.length - 1];',
  "  var closed = last.state === 'closed';",
  "  var voided = last.state === 'voided';",
  "  var ranks = { 6: 2, 9: 1, 12: 0 };",
  "  var names = ['village', 'town', 'district'];",
  '  var rank = ranks[doc.ownerCode.length] || 0;',
  '  var codes = [];',
  '  for (var i = 0; i < s.reached.length; i++) {',
  '    var code = s.reached[i].code;',
  '    if (/^[0-9]{6}([0-9]{3}){0,2}$/.test(code)) { if (ranks[code.length] > rank) rank = ranks[code.length]; }',
  '    else codes.push(code);',
  '  }',
  '  codes.sort();',
  "  var levels = names[rank] + '|' + codes.join(',');",
  "  var timed = s.firstDispatchAt && s.firstFeedbackAt && typeof s.handlingWorkHours === 'number';",
  '  var v = [',
  '    1,',
  '    voided ? 1 : 0,',
  '    voided ? 0 : 1,',
  '    closed && last.selfHandled === true ? 1 : 0,',
  '    !voided && s.escalatedAt ? 1 : 0,',
  '    closed ? 1 : 0,',
  '    closed && last.onTime !== false ? 1 : 0,',
  '    closed && last.onTime === false ? 1 : 0,',
  "    last.deadline !== '' || s.firstDispatchAt ? 1 : 0,",
  '    s.firstFeedbackAt ? 1 : 0,',
  '    s.reworkAt.length > 0 ? 1 : 0,',
  '    s.supervisedAt ? 1 : 0,',
  '    s.extendedAt ? 1 : 0,',
  '    timed ? Math.round(s.handlingWorkHours * 3600000) : 0,',
  '    timed ? 1 : 0',
  '  ];',
  "  emit([month, 'o', doc.ownerCode, doc.gridCode, s.reporter, levels], v);",
  "  emit([month, 'd', last.departmentCode || '', s.reporter, levels, ''], v);",
  '}',
].join('\n');

const DUE_MAP = [
  'function (doc) {',
  `  if (doc.type !== 'ticket' || !doc.ownerCode || !(${HAS_STATS})) return;`,
  `  ${MONTH_OF}`,
  '  var s = doc.stats;',
  '  var last = s.states[s.states.length - 1];',
  `  var open = ${JSON.stringify(OPEN_STATES)}.indexOf(last.state) >= 0;`,
  "  var late = last.state === 'closed' && last.onTime === false;",
  "  if (!(open && last.deadline !== '') && !late) return;",
  "  emit([monthOf(s.reportedAt), doc.ownerCode], [open ? last.deadline : '', doc.gridCode, s.reporter, last.departmentCode || '', late ? 1 : 0]);",
  '}',
].join('\n');

export function statsDesignDoc(): StatsDesignDoc {
  return {
    _id: STATS_DESIGN_DOC_ID,
    language: 'javascript',
    views: {
      counts: { map: COUNTS_MAP, reduce: '_sum' },
      due: { map: DUE_MAP },
      legacy: {
        map: `function (doc) { ${MONTH_OF} if (doc.type === 'ticket' && doc.reportedAt && doc.ownerCode && !(${HAS_STATS})) emit([monthOf(doc.reportedAt), doc.ownerCode], null); }`,
      },
      events: {
        map: "function (doc) { if (doc.type === 'ticketEvent' && doc.subjectId) emit(doc.subjectId, null); }",
      },
      cases: {
        map: `function (doc) { ${MONTH_OF} if (doc.type === 'mediationCase' && doc.acceptedAt && doc.ownerCode) emit([monthOf(doc.acceptedAt), doc.ownerCode], null); }`,
      },
    },
  };
}

/** Same views whatever order the server keeps their fields in. */
function sameViews(a: StatsDesignDoc['views'] | undefined, b: StatsDesignDoc['views']): boolean {
  if (!a || Object.keys(a).length !== Object.keys(b).length) return false;
  return Object.entries(b).every(([name, view]) => a[name]?.map === view.map && a[name]?.reduce === view.reduce);
}

/** A design doc of views only (the statistics', the audit records' in district/audit.ts). */
export type ViewsDesignDoc = StatsDesignDoc;

/** Writes the design doc unless the database has it as wanted; what this call did. */
export function ensureStatsViews(couch: ServerScope, db: string): Promise<'created' | 'updated' | null> {
  return ensureDesignViews(couch, db, statsDesignDoc());
}

/** Writes a views design doc unless the database has it as wanted; what this call did. */
export async function ensureDesignViews(couch: ServerScope, db: string, wanted: ViewsDesignDoc): Promise<'created' | 'updated' | null> {
  const scope = couch.use<StatsDesignDoc>(db);
  for (let attempt = 0; ; attempt++) {
    const current = await scope.get(wanted._id).catch((err: unknown) => {
      if (isNotFound(err)) return null;
      throw err;
    });
    if (current && sameViews(current.views, wanted.views)) return null;
    try {
      await scope.insert({ ...wanted, ...(current?._rev ? { _rev: current._rev } : {}) });
      return current ? 'updated' : 'created';
    } catch (err) {
      if (!isConflict(err) || attempt >= 5) throw err;
    }
  }
}
