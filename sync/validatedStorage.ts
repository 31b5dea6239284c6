/**
 * Schema validation of local writes, done once per document.
 *
 * With RxDB's stock wrapper every pulled doc was validated more than once — by the feed writer
 * (which must, to quarantine bad docs instead of failing the page), again when it is written to
 * the collection (and, when RxDB's own downstream still stored pulls, inside its meta store).
 * With z-schema that was half of an initial sync's time; the validators are now generated code
 * (schemaValidators.ts), and validating once is still what they need.
 *
 * This wrapper validates every write like RxDB's, except:
 * - writes of server state by the sync engine (context `replication-downstream-…`): the feed
 *   writer validated those docs with the same validator and schema, and quarantined the failures;
 * - the replication meta store (RxDB's bookkeeping copy of docs already validated).
 */
import type { RxJsonSchema, RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { validatorOf } from './schemaValidators';

const META_SCHEMA_TITLE = 'RxReplicationProtocolMetaData';
const PULL_CONTEXT = 'replication-downstream-';

export function validatedStorage<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return {
    ...storage,
    name: `validate-z-schema-${storage.name}`,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>): Promise<RxStorageInstance<RxDocType, Internals, Options>> {
      const instance = await storage.createStorageInstance(params);
      if (params.schema.title === META_SCHEMA_TITLE) return instance;
      const primaryPath = (typeof params.schema.primaryKey === 'string' ? params.schema.primaryKey : params.schema.primaryKey.key) as string;
      const write = instance.bulkWrite.bind(instance);
      const validate = validatorOf(params.schema as RxJsonSchema<unknown>);
      instance.bulkWrite = async (rows, context) => {
        if (context.startsWith(PULL_CONTEXT)) return write(rows, context);
        const valid: typeof rows = [];
        const refused = [];
        for (const row of rows) {
          const validationErrors = validate(row.document);
          if (validationErrors.length === 0) valid.push(row);
          else {
            refused.push({
              status: 422 as const,
              isError: true as const,
              documentId: (row.document as Record<string, string>)[primaryPath],
              validationErrors,
              schema: instance.schema,
              writeRow: row,
              context,
            });
          }
        }
        const result = valid.length > 0 ? await write(valid, context) : { error: [] };
        return { ...result, error: [...result.error, ...refused] } as Awaited<ReturnType<typeof write>>;
      };
      return instance;
    },
  };
}
