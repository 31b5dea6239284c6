/**
 * The statistics' CouchDB views on the district database (`gl-district-<code>`), where every
 * station's orders, events and cases end up (DESIGN.md: everything replicates up). Provisioned
 * with the rules; plain ES5 map functions (QuickJS, SpiderMonkey and pouchdb-server alike).
 *
 * - `counts`: map/reduce (`_sum`) by [month, owner unit, indicator] of what a ticket doc says by
 *   itself: reports, voided, selfHandled, closed, onTime, dispatched, supervised. District IT
 *   reads a month's totals per unit without reading a ticket.
 * - `orders` [month, owner], `events` [order id], `cases` [month, owner]: indexes that let
 *   `district report --month` read one month's orders with their events and replay them through
 *   the app's own indicator core (core/stats), so the district's workbook and the app's figures
 *   are one definition. An indicator that needs an order's steps (上报率, the level funnel, 返工率,
 *   平均处置时长) cannot be a per-doc map: a map sees one doc, and the steps are separate docs.
 *
 * The month is the report's month in China time (UTC+8), as core/stats/period.ts counts it.
 */
import type { ServerScope } from 'nano';
import { isConflict, isNotFound } from './connection';

export const STATS_DESIGN_DOC_ID = '_design/gridlink-stats';

/** `YYYY-MM` of an ISO instant in China time, in ES5. */
const MONTH_OF = "function monthOf(iso) { return new Date(Date.parse(iso) + 28800000).toISOString().slice(0, 7); }";

export const COUNT_VIEW_KEYS = ['reports', 'voided', 'selfHandled', 'closed', 'onTime', 'dispatched', 'supervised'] as const;

export interface StatsDesignDoc {
  _id: string;
  _rev?: string;
  language: 'javascript';
  views: Record<string, { map: string; reduce?: string }>;
}

export function statsDesignDoc(): StatsDesignDoc {
  return {
    _id: STATS_DESIGN_DOC_ID,
    language: 'javascript',
    views: {
      counts: {
        map: [
          'function (doc) {',
          "  if (doc.type !== 'ticket' || !doc.reportedAt || !doc.ownerCode) return;",
          `  ${MONTH_OF}`,
          '  var month = monthOf(doc.reportedAt);',
          "  var closed = doc.state === 'closed';",
          '  var flags = {',
          '    reports: true,',
          "    voided: doc.state === 'voided',",
          '    selfHandled: closed && doc.selfHandled === true,',
          '    closed: closed,',
          '    onTime: closed && doc.onTime !== false,',
          "    dispatched: typeof doc.deadline === 'string' && doc.deadline !== '',",
          '    supervised: doc.supervised === true',
          '  };',
          '  for (var key in flags) { if (flags[key]) emit([month, doc.ownerCode, key], 1); }',
          '}',
        ].join('\n'),
        reduce: '_sum',
      },
      orders: {
        map: `function (doc) { ${MONTH_OF} if (doc.type === 'ticket' && doc.reportedAt && doc.ownerCode) emit([monthOf(doc.reportedAt), doc.ownerCode], null); }`,
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
