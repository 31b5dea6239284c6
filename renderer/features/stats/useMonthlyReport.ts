/**
 * The figures of 统计 and the 月报 for the unit and period chosen: every order's facts read off
 * its ticket's statistics record (live; an order without one, or whose ticket has not folded
 * every event here yet, is replayed from its events), then the report object
 * (core/stats/monthlyReport).
 */
import { useMemo } from 'react';
import type { EventDoc, MediationCaseDoc, TicketDoc } from '../../../core/schema';
import { dimensionsOf, type Dimension } from '../../../core/stats/indicators';
import { monthlyReport, type MonthlyReport } from '../../../core/stats/monthlyReport';
import { ordersFactsOf, type OrderFacts } from '../../../core/stats/orderFacts';
import type { Period } from '../../../core/stats/period';
import { useNames, type NameBook } from '../../data/names';
import { useDatabase } from '../../data/session';
import { useLive } from '../../data/useLive';
import { useWorkorderSession } from '../workorders/useWorkorderSession';

/** Every order's facts, as of now (recomputed when an order or event changes). */
export function useOrderFacts(names: NameBook): OrderFacts[] | undefined {
  const db = useDatabase();
  const { calendar } = useWorkorderSession();
  const tickets$ = useMemo(() => db.tickets.find().$, [db]);
  const events$ = useMemo(() => db.events.find({ selector: { type: 'ticketEvent' } }).$, [db]);
  const tickets = useLive(tickets$);
  const events = useLive(events$);
  const kinds = useMemo(() => new Map(names.departments.map((d) => [d.code, d.kind])), [names.departments]);
  return useMemo(() => {
    if (!tickets || !events) return undefined;
    return ordersFactsOf(
      tickets.map((d) => d.toJSON() as TicketDoc),
      events.map((d) => d.toJSON() as EventDoc),
      { calendar, asOf: new Date(), departmentKind: (code) => kinds.get(code) },
    );
  }, [tickets, events, calendar, kinds]);
}

export function useCases(): MediationCaseDoc[] | undefined {
  const db = useDatabase();
  const cases$ = useMemo(() => db.cases.find().$, [db]);
  const cases = useLive(cases$);
  return useMemo(() => cases?.map((d) => d.toJSON() as MediationCaseDoc), [cases]);
}

/** The rows a unit's table lists even without orders: its villages, towns, departments or grids. */
export function childrenOf(unit: string, dimension: Dimension, names: NameBook): string[] {
  switch (dimension) {
    case 'unit': {
      const level = unit.length === 6 ? 1 : 2;
      return names.grids.filter((g) => g.level === level && g.code.startsWith(unit) && g.code.length === unit.length + 3).map((g) => g.code).sort();
    }
    case 'department':
      return names.departments.map((d) => d.code).sort();
    case 'grid':
      return names.grids.filter((g) => g.level === 3 && g.code.startsWith(unit)).map((g) => g.code).sort();
    case 'worker':
      return [];
  }
}

export function rowName(names: NameBook, key: string, dimension: Dimension): string {
  switch (dimension) {
    case 'unit':
      return names.unit(key);
    case 'department':
      return names.department(key);
    case 'grid':
      return names.grid(key);
    case 'worker':
      return names.assignee(key);
  }
}

export function useMonthlyReport(unit: string, period: Period, dimension: Dimension | undefined): { report: MonthlyReport | undefined; facts: OrderFacts[] | undefined; names: NameBook; dimension: Dimension } {
  const names = useNames();
  const facts = useOrderFacts(names);
  const cases = useCases();
  const allowed = dimensionsOf(unit);
  const dim = dimension && allowed.includes(dimension) ? dimension : allowed[0];
  const report = useMemo(() => {
    if (!facts || !cases) return undefined;
    return monthlyReport({
      unit: { code: unit, name: names.unit(unit) },
      period,
      asOf: new Date(),
      dimension: dim,
      facts,
      cases,
      children: childrenOf(unit, dim, names),
      nameOf: (key, d) => rowName(names, key, d),
    });
  }, [facts, cases, unit, period, dim, names]);
  return { report, facts, names, dimension: dim };
}
