import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { now, type RxJsonSchema, type RxDocumentData } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { openDatabase } from '../../../../sync/database';
import { allDemoDocs, generateDemoDistrict } from '../../../../district/demo';
import { COLLECTION_OF_TYPE, COLLECTIONS, type AnyDoc } from '../../../../core/schema';
import { hasGeneratedValidator, validatorOf } from '../../../../core/schema/validators';
import { generatedSchemas, generateValidatorsSource } from '../../../../scripts/validators/generate';

const GENERATED = fileURLToPath(new URL('../../../../core/schema/validators.generated.ts', import.meta.url));

/** A doc as the storage sees it on a local write. */
const stored = (doc: object) => ({ ...doc, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: '1-abc' });

describe('the generated schema validators', () => {
  it('are up to date with the schemas (else run `npm run gen:validators`)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(generateValidatorsSource());
  });

  it('cover every collection of an opened station database', async () => {
    const db = await openDatabase({ name: `validators-${Date.now()}` });
    try {
      for (const collection of Object.values(db.collections)) {
        expect(hasGeneratedValidator(collection.schema.jsonSchema as RxJsonSchema<unknown>), collection.name).toBe(true);
      }
    } finally {
      await db.close();
    }
  });

  it('accept and refuse exactly what the schema interpreter does, on a whole demo district', () => {
    const district = generateDemoDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 150, casesPerVillage: 20, componentsPerVillage: 40, staffPerVillage: 4 });
    const schemas = new Map(generatedSchemas().map(({ name, schema }) => [name, schema]));
    const docs = [...allDemoDocs(district)] as AnyDoc[];
    expect(docs.length).toBeGreaterThan(500);
    const broken = (doc: AnyDoc, i: number): object => {
      // Each kind of rule once in a while: a missing field, a wrong type, a pattern, a length, an extra enum value.
      const copy: Record<string, unknown> = { ...doc };
      if (i % 5 === 0) delete copy.updatedBy;
      if (i % 5 === 1) copy.createdAt = 'yesterday';
      if (i % 5 === 2) copy.scope = ['not-a-code'];
      if (i % 5 === 3) copy.type = 'somethingElse';
      if (i % 5 === 4) copy.updatedBy = 'x'.repeat(201);
      return copy;
    };
    let refused = 0;
    docs.forEach((doc, i) => {
      const schema = schemas.get(COLLECTION_OF_TYPE[doc.type])!;
      const interpreter = getValidator(schema as RxJsonSchema<RxDocumentData<unknown>>);
      for (const candidate of [stored(doc), stored(broken(doc, i))]) {
        const generatedErrors = validatorOf(schema)(candidate);
        expect(generatedErrors.length === 0, `${doc.id}: ${JSON.stringify(generatedErrors)}`).toBe(interpreter(candidate).length === 0);
        if (generatedErrors.length > 0) refused++;
      }
    });
    expect(refused).toBe(docs.length);
  });

  it('name every bad field, for the quarantine reason', () => {
    const schema = generatedSchemas().find((s) => s.name === 'tickets')!.schema;
    const at = new Date().toISOString();
    const errors = validatorOf(schema)(
      stored({ id: 'ticket:T1', type: 'ticket', scope: ['320506'], createdAt: at, updatedAt: at, updatedBy: 'u', number: 'T1', source: 'patrol', gridCode: 'abc', description: 'd', photoIds: 'none', state: 'handling', holderCode: '320506', deadline: '', reportedAt: at, lastEventAt: at, ownerCode: '320506' }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(['#/gridCode', '#/photoIds', '#/priority']);
    expect(errors.every((e) => e.message)).toBe(true);
  });

  it('hold no eval: plain code the app’s Content-Security-Policy allows', () => {
    const source = readFileSync(GENERATED, 'utf8');
    expect(source).not.toMatch(/new Function|\beval\(/);
    expect(Object.keys(COLLECTIONS).length + 1).toBe(generatedSchemas().length);
  });
});
