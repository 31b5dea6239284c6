/**
 * 全局搜索: what one box in the header finds across the station's local collections — work
 * orders by number, description or address (or the reporter's whole phone); mediation cases by
 * number, a party's name, or a party's whole ID number or phone; staff by name or phone; components and grids by code or name — and where each hit opens. The
 * matching is RxDB queries (a literal, case-insensitive `$regex` on a few short fields, newest
 * first where it matters, a few per kind), so it runs the same against any storage; the header's
 * dialog only shows what this returns.
 */
import type { MangoQuery, MangoQuerySelector, RxCollection } from 'rxdb';
import type { ComponentDoc, GridDoc, MediationCaseDoc, StaffDoc, TicketDoc } from '../../../core/schema';
import { docId, keyOfId } from '../../../core/schema/common';
import { t } from '../../../core/i18n';
import { hrefOfView as mediationHref } from '../mediation/mediationRoute';
import { hrefOfView as workorderHref } from '../workorders/useSubRoute';

export const SEARCH_KINDS = ['tickets', 'cases', 'staff', 'components', 'grids'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** How many hits each kind shows; one more is asked for, to know there are more. */
export const HITS_PER_KIND = 5;

export interface SearchHit {
  kind: SearchKind;
  /** The document id (unique across kinds). */
  id: string;
  /** The number, code or name the clerk recognises. */
  title: string;
  /** One line under it: what the record is about. */
  detail: string;
  /** Where choosing it goes (a hash route). */
  href: string;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
  /** More matched than are shown: narrow the words. */
  more: boolean;
}

/** The collections searched (a station database has them all; tests may open only these). */
export interface SearchCollections {
  tickets: RxCollection<TicketDoc>;
  cases: RxCollection<MediationCaseDoc>;
  staff: RxCollection<StaffDoc>;
  components: RxCollection<ComponentDoc>;
  grids: RxCollection<GridDoc>;
}

/**
 * The words to look for, or null when there is nothing worth a search yet: one Chinese
 * character already narrows (a surname), one Latin letter or digit does not.
 */
export function searchTermOf(input: string): string | null {
  const term = input.trim().replace(/\s+/g, ' ');
  if (term === '') return null;
  if (term.length < 2 && /^[\w\p{P}\p{S}]$/u.test(term)) return null;
  return term;
}

/** The term as a regular expression that matches it literally (a `.` in an address is a dot). */
export function literalPattern(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function contains(term: string) {
  return { $regex: literalPattern(term), $options: 'i' };
}

/** The RxDB query of each kind for `term` (already through searchTermOf), `limit` rows each. */
/**
 * A whole phone or ID number, as typed (spaces dropped), or null. Only a whole one is looked for
 * in the personal fields: a part would let anyone list people by a few digits, and those fields
 * are encrypted at rest (sync/encryptedStorage.ts), so a query on them reads the whole collection.
 */
export function wholeNumberOf(term: string): string | null {
  const value = term.replace(/\s+/g, '');
  return /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}|[0-9]{17}[0-9Xx])$/.test(value) ? value.toUpperCase() : null;
}

export function searchQueries(term: string, limit = HITS_PER_KIND + 1): { [K in SearchKind]: MangoQuery<DocOfKind[K]> } {
  const match = contains(term);
  const whole = wholeNumberOf(term);
  return {
    tickets: {
      selector: { $or: [{ number: match }, { description: match }, { address: match }, ...(whole ? [{ reporterPhone: whole }] : [])] } as MangoQuerySelector<TicketDoc>,
      sort: [{ reportedAt: 'desc' }],
      limit,
    },
    cases: {
      selector: {
        $or: [
          { number: match },
          { parties: { $elemMatch: { name: match } } },
          ...(whole ? [{ parties: { $elemMatch: { idNumber: whole } } }, { parties: { $elemMatch: { phone: whole } } }] : []),
        ],
      } as MangoQuerySelector<MediationCaseDoc>,
      sort: [{ acceptedAt: 'desc' }],
      limit,
    },
    staff: { selector: { $or: [{ name: match }, { phone: match }] } as MangoQuerySelector<StaffDoc>, limit },
    components: { selector: { $or: [{ code: match }, { name: match }] } as MangoQuerySelector<ComponentDoc>, sort: [{ code: 'asc' }], limit },
    grids: { selector: { $or: [{ code: match }, { name: match }] } as MangoQuerySelector<GridDoc>, sort: [{ code: 'asc' }], limit },
  };
}

interface DocOfKind {
  tickets: TicketDoc;
  cases: MediationCaseDoc;
  staff: StaffDoc;
  components: ComponentDoc;
  grids: GridDoc;
}

/** Names for the codes a hit's detail line shows (the station's NameBook in the app). */
export interface HitNames {
  grid(code: string): string;
  dispute(type: string): string;
  role(role: string): string;
}

const plainNames: HitNames = { grid: (code) => code, dispute: (type) => type, role: (role) => role };

function clip(text: string, length = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length)}…` : line;
}

/** Where each hit opens: the record's own page, or its screen with the record chosen. */
export function hitOf<K extends SearchKind>(kind: K, doc: DocOfKind[K], names: HitNames = plainNames): SearchHit {
  switch (kind) {
    case 'tickets': {
      const ticket = doc as TicketDoc;
      return { kind, id: ticket.id, title: ticket.number, detail: clip(ticket.description), href: workorderHref({ view: 'order', id: ticket.id }) };
    }
    case 'cases': {
      const c = doc as MediationCaseDoc;
      const parties = c.parties.map((p) => p.name).join('、');
      return { kind, id: c.id, title: c.number, detail: clip(`${names.dispute(c.disputeType)} · ${parties}`), href: mediationHref({ view: 'case', key: keyOfId(c.id) }) };
    }
    case 'staff': {
      const s = doc as StaffDoc;
      return { kind, id: s.id, title: s.name, detail: `${s.roles.map((r) => names.role(r)).join('、')} · ${s.phone}`, href: `#/staff/${encodeURIComponent(s.staffId)}` };
    }
    case 'components': {
      const c = doc as ComponentDoc;
      return { kind, id: c.id, title: c.name, detail: `${c.code} · ${names.grid(c.gridCode)}`, href: `#/components/${encodeURIComponent(c.code)}` };
    }
    default: {
      const g = doc as GridDoc;
      return { kind, id: g.id, title: g.name, detail: g.code, href: `#/grids/${encodeURIComponent(g.code)}` };
    }
  }
}

/**
 * Searches every kind for `input`; kinds without a hit are left out, so an empty array means
 * nothing matched (or nothing worth a search was typed).
 */
export async function globalSearch(collections: SearchCollections, input: string, names: HitNames = plainNames): Promise<SearchGroup[]> {
  const term = searchTermOf(input);
  if (!term) return [];
  const queries = searchQueries(term);
  const groups = await Promise.all(
    SEARCH_KINDS.map(async (kind): Promise<SearchGroup> => {
      const collection = collections[kind] as unknown as RxCollection<DocOfKind[typeof kind]>;
      const docs = await collection.find(queries[kind] as MangoQuery<DocOfKind[typeof kind]>).exec();
      const hits = docs.slice(0, HITS_PER_KIND).map((doc) => hitOf(kind, doc.toJSON() as DocOfKind[typeof kind], names));
      return { kind, hits, more: docs.length > HITS_PER_KIND };
    }),
  );
  const tickets = groups.find((group) => group.kind === 'tickets');
  const serverHit = tickets && tickets.hits.length === 0 ? orderOnServer(input) : null;
  if (tickets && serverHit) tickets.hits.push(serverHit);
  return groups.filter((group) => group.hits.length > 0);
}

/**
 * A whole order number this desk does not hold: the sync window may have left the order on the
 * server (core/syncWindow.ts), and opening it fetches it from there (or says it is not found).
 */
function orderOnServer(input: string): SearchHit | null {
  const number = input.trim().toUpperCase();
  if (!/^GD[0-9]{9}[0-9A-Z]{6,24}$/.test(number)) return null;
  const id = docId('ticket', number);
  return { kind: 'tickets', id, title: number, detail: t('app:search.onServer'), href: workorderHref({ view: 'order', id }) };
}

/** The hits in the order the list shows them, for keyboard navigation. */
export function flatHits(groups: readonly SearchGroup[]): SearchHit[] {
  return groups.flatMap((group) => group.hits);
}
