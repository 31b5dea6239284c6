/**
 * The fields of each stored type that hold personal data (ID numbers, phones, addresses and the
 * names that go with them), encrypted at rest in the local database (sync/encryptedStorage.ts),
 * by schema title. Whole top-level fields: a case's `parties` (every party's document number,
 * phone and address), a work order's reporter, an event's `payload` (a registration or an edit
 * carries the parties; a conflict record the losing value), and of the local quarantine what it
 * keeps of a doc. A work order's `address` is where the problem is (a road, a manhole), not a
 * person's: it stays searchable in clear.
 *
 * A query on one of these fields still works (it is matched after decryption, by scanning the
 * collection), so keep them off indexes and off hot list queries.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  mediationCase: ['parties'],
  ticket: ['reporterName', 'reporterPhone'],
  event: ['payload'],
  quarantine: ['doc', 'losingValue', 'reason'],
};

/**
 * The personal fields of one doc of type `title`: a work-order event's payload only when it
 * carries the reporter (the report, with the order's fields); the other steps of an order
 * (departments, hours, a verification) are many and hold nobody's data, so they stay in clear.
 */
export function personalFieldsOf(title: string, doc: Record<string, unknown>): readonly string[] {
  const fields = PERSONAL_FIELDS[title] ?? [];
  if (title === 'event' && doc.type === 'ticketEvent' && !/"reporter(Name|Phone)"/.test(JSON.stringify(doc.payload ?? null))) return [];
  return fields;
}
