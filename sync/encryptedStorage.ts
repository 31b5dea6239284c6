/**
 * Personal data encrypted at rest: a storage wrapper, directly over Dexie (below storage.ts, so
 * validation and the server mark see plain docs), that stores a doc's personal fields
 * (core/schema/personalFields.ts) as one AES-256-GCM envelope under the workstation's data key
 * (core/dataKey.ts). Collections, queries, change events, the replication and the district see
 * plain docs: the server's format is unchanged.
 *
 * Why not RxDB's `encryption-crypto-js` plugin: it encrypts declared paths only (no path into
 * an array such as `parties[].idNumber`, and not the copies the engine keeps: the server state a
 * local edit started from, in `_meta` (serverMark.ts), and RxDB's replication meta store, which
 * holds whole pushed docs); declaring `encrypted` changes the schema's hash, which an existing
 * database refuses to open; and a query on an encrypted field silently matches nothing. Here:
 *
 * - A doc's personal fields, and the same fields of its server mark's `base`, move into
 *   `_pii` = encrypt(JSON {d, b}); the meta store's `docData` likewise. Other fields stay as
 *   they were (indexes, sorting and list queries are untouched).
 * - A query whose selector names a personal field scans the collection, decrypts, then
 *   matches, sorts and pages in memory (search by a party's name keeps working).
 * - Docs stored in clear by an earlier version are read as they are, and re-encrypted when the
 *   storage opens: same revision and `lwt`, so RxDB and the replication see no change and no
 *   unsynced local write is touched or lost. (The clear bytes they had can stay in IndexedDB's
 *   LevelDB files until LevelDB compacts them.)
 */
import {
  getQueryMatcher,
  getSortComparator,
  normalizeMangoQuery,
  prepareQuery,
  wrapRxStorageInstance,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { decryptText, encryptText, isEncryptedText, type DataKey } from '../core/dataKey';
import { MARK_KEY } from './serverMark';

/** Where a doc's encrypted personal fields are stored. */
export const ENVELOPE_KEY = '_pii';
/** The write context of the re-encryption of docs stored in clear by an earlier version. */
export const REENCRYPT_CONTEXT = 'gridlink-encrypt-at-rest';

const META_SCHEMA_TITLE = 'RxReplicationProtocolMetaData';

export interface PersonalFieldsPolicy {
  /** Every field that may be personal, per schema title (to tell which queries need a scan). */
  fields: Readonly<Record<string, readonly string[]>>;
  /** The fields to encrypt in this doc. */
  fieldsOf(title: string, doc: Record<string, unknown>): readonly string[];
}

type Doc = Record<string, unknown> & { _meta?: Record<string, unknown> };
interface Envelope {
  d: Record<string, unknown>;
  b?: Record<string, unknown>;
}

function split(doc: Doc, fields: readonly string[]): { rest: Doc; taken: Record<string, unknown> } {
  const rest: Doc = { ...doc };
  const taken: Record<string, unknown> = {};
  for (const field of fields) {
    if (rest[field] === undefined) continue;
    taken[field] = rest[field];
    delete rest[field];
  }
  return { rest, taken };
}

/** The doc as stored: its personal fields (and those of its mark's base) sealed in the envelope. */
async function seal(key: DataKey, doc: Doc, fields: readonly string[]): Promise<Doc> {
  if (fields.length === 0 || doc[ENVELOPE_KEY] !== undefined) return doc;
  const { rest, taken } = split(doc, fields);
  const envelope: Envelope = { d: taken };
  const mark = doc._meta?.[MARK_KEY] as { base?: Doc } | undefined;
  if (mark?.base) {
    const base = split(mark.base, fields);
    if (Object.keys(base.taken).length > 0) {
      envelope.b = base.taken;
      rest._meta = { ...doc._meta, [MARK_KEY]: { ...mark, base: base.rest } };
    }
  }
  if (Object.keys(envelope.d).length === 0 && !envelope.b) return doc;
  rest[ENVELOPE_KEY] = await encryptText(key, JSON.stringify(envelope));
  return rest;
}

/** The doc as the collection sees it. A doc without an envelope (stored in clear) is returned as it is. */
async function open(key: DataKey, doc: Doc): Promise<Doc> {
  const sealed = doc[ENVELOPE_KEY];
  if (!isEncryptedText(sealed)) return doc;
  const envelope = JSON.parse(await decryptText(key, sealed)) as Envelope;
  const plain: Doc = { ...doc, ...envelope.d };
  delete plain[ENVELOPE_KEY];
  if (envelope.b) {
    const mark = doc._meta?.[MARK_KEY] as { base?: Doc } | undefined;
    if (mark?.base) plain._meta = { ...doc._meta, [MARK_KEY]: { ...mark, base: { ...mark.base, ...envelope.b } } };
  }
  return plain;
}

function needsSealing(doc: Doc, fields: readonly string[]): boolean {
  if (doc[ENVELOPE_KEY] !== undefined) return false;
  if (fields.some((field) => doc[field] !== undefined)) return true;
  const base = (doc._meta?.[MARK_KEY] as { base?: Doc } | undefined)?.base;
  return base !== undefined && fields.some((field) => base[field] !== undefined);
}

/** Whether a selector names one of `fields` (at its top or under $and/$or/$nor/$not). */
export function selectorNames(selector: unknown, fields: readonly string[]): boolean {
  if (Array.isArray(selector)) return selector.some((part) => selectorNames(part, fields));
  if (selector === null || typeof selector !== 'object') return false;
  return Object.entries(selector).some(([name, value]) =>
    name.startsWith('$') ? selectorNames(value, fields) : fields.some((field) => name === field || name.startsWith(`${field}.`)),
  );
}

export function encryptedStorage<Internals, Options>(storage: RxStorage<Internals, Options>, key: DataKey, policy: PersonalFieldsPolicy): RxStorage<Internals, Options> {
  return {
    ...storage,
    name: `encrypted-${storage.name}`,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>): Promise<RxStorageInstance<RxDocType, Internals, Options>> {
      const instance = await storage.createStorageInstance(params);
      const title = params.schema.title ?? '';
      const isMeta = title === META_SCHEMA_TITLE;
      const allFields = isMeta ? ['docData'] : (policy.fields[title] ?? []);
      if (allFields.length === 0) return instance;
      const fieldsOf = (doc: Doc) => (isMeta ? (doc.docData === undefined ? [] : ['docData']) : policy.fieldsOf(title, doc));
      const schema = params.schema as unknown as RxJsonSchema<RxDocumentData<Doc>>;
      const raw = instance as unknown as RxStorageInstance<Doc, Internals, Options>;

      await reencryptClearDocs(raw, schema, key, fieldsOf);

      const wrapped = wrapRxStorageInstance<Doc>(
        schema,
        raw,
        (doc) => seal(key, doc as Doc, fieldsOf(doc as Doc)) as Promise<RxDocumentData<Doc>>,
        (doc) => open(key, doc as Doc) as Promise<RxDocumentData<Doc>>,
      );
      const query = wrapped.query.bind(wrapped);
      wrapped.query = async (prepared) => {
        if (!selectorNames(prepared.query.selector, allFields)) return query(prepared);
        return { documents: await scan(prepared) };
      };
      // count() needs no such path: RxDB refuses to count a query its indexes do not cover.

      /** Every doc, opened, then the query's selector, order and page applied in memory. */
      async function scan(prepared: PreparedQuery<Doc>): Promise<RxDocumentData<Doc>[]> {
        const all = prepareQuery(schema, normalizeMangoQuery(schema, {}) as FilledMangoQuery<Doc>);
        const { documents } = await query(all);
        const filled = prepared.query;
        const matches = getQueryMatcher(schema, filled);
        const found = documents.filter((doc) => matches(doc)).sort(getSortComparator(schema, filled));
        const skip = filled.skip ?? 0;
        return found.slice(skip, filled.limit === undefined ? undefined : skip + filled.limit);
      }

      return wrapped as unknown as RxStorageInstance<RxDocType, Internals, Options>;
    },
  };
}

/** Docs an earlier version stored in clear, sealed in place (same `_rev` and `_meta.lwt`). */
async function reencryptClearDocs<Internals, Options>(
  raw: RxStorageInstance<Doc, Internals, Options>,
  schema: RxJsonSchema<RxDocumentData<Doc>>,
  key: DataKey,
  fieldsOf: (doc: Doc) => readonly string[],
): Promise<void> {
  const { documents } = await raw.query(prepareQuery(schema, normalizeMangoQuery(schema, {}) as FilledMangoQuery<Doc>));
  const clear = documents.filter((doc) => needsSealing(doc, fieldsOf(doc)));
  if (clear.length === 0) return;
  const rows = await Promise.all(clear.map(async (doc) => ({ previous: doc, document: (await seal(key, doc, fieldsOf(doc))) as RxDocumentData<Doc> })));
  const result = await raw.bulkWrite(rows, REENCRYPT_CONTEXT);
  if (result.error.length > 0) throw new Error(`re-encrypting ${result.error.length} doc(s) of ${raw.collectionName} failed, first ${result.error[0].documentId}: ${result.error[0].status}`);
}
