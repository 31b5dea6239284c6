/**
 * The one storage wrapper of a station database. It does two things RxDB's own wrappers would do
 * less well, both per write:
 *
 * - Validates local writes with the generated validators (core/schema/validators.ts), once per doc.
 *   Writes of server state by the engine (its write context, serverMark.ts) are passed through:
 *   the feed writer validated those docs with the same validator and quarantined the failures.
 *   RxDB's stock wrapper validated every pulled doc again on write, which with z-schema was half
 *   of an initial sync.
 * - Keeps, for a local edit of a doc in sync with the server, the server state it was edited
 *   from (the base of a three-way merge), in the same record as the edit: copy-on-write, so docs
 *   never edited here carry no second copy (serverMark.ts has the figures).
 *
 * RxDB's replication meta store (its bookkeeping of docs already validated) is passed through.
 */
import type { RxJsonSchema, RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { isInSync, isServerStateWrite, MARK_KEY, markOf, stateOf, type StoredDoc } from './serverMark';
import { validatorOf } from '../core/schema/validators';

const META_SCHEMA_TITLE = 'RxReplicationProtocolMetaData';

export function stationStorage<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return {
    ...storage,
    name: `gridlink-${storage.name}`,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>): Promise<RxStorageInstance<RxDocType, Internals, Options>> {
      const instance = await storage.createStorageInstance(params);
      if (params.schema.title === META_SCHEMA_TITLE) return instance;
      const primaryPath = (typeof params.schema.primaryKey === 'string' ? params.schema.primaryKey : params.schema.primaryKey.key) as string;
      const write = instance.bulkWrite.bind(instance);
      const validate = validatorOf(params.schema as RxJsonSchema<unknown>);
      instance.bulkWrite = async (rows, context) => {
        if (isServerStateWrite(context)) return write(rows, context);
        const valid: typeof rows = [];
        const refused = [];
        for (const row of rows) {
          const validationErrors = validate(row.document);
          if (validationErrors.length > 0) {
            refused.push({
              status: 422 as const,
              isError: true as const,
              documentId: (row.document as Record<string, string>)[primaryPath],
              validationErrors,
              schema: instance.schema,
              writeRow: row,
              context,
            });
            continue;
          }
          keepBaseOfEdit(row.previous as StoredDoc | undefined, row.document as StoredDoc);
          valid.push(row);
        }
        const result = valid.length > 0 ? await write(valid, context) : { error: [] };
        return { ...result, error: [...result.error, ...refused] } as Awaited<ReturnType<typeof write>>;
      };
      return instance;
    },
  };
}

/**
 * A local edit of a doc in sync with the server keeps that server state as its base. In place:
 * RxDB keeps the rows it wrote as its in-memory state of the doc, so the next edit (made on that
 * state) carries the base on. The row's `_meta` is RxDB's own copy for this write.
 */
function keepBaseOfEdit(previous: StoredDoc | undefined, document: StoredDoc): void {
  if (!previous || !isInSync(previous)) return;
  const mark = markOf(previous)!;
  document._meta = { ...document._meta, [MARK_KEY]: { rev: mark.rev, height: mark.height, base: stateOf(previous) } } as StoredDoc['_meta'];
}
