/**
 * The schema validator of a collection, shared by the feed writer (which quarantines a bad doc
 * from the server) and the validating storage (local writes).
 *
 * Validators are generated at build time (`npm run gen:validators`, ajv standalone code): ajv
 * compiling at runtime needs `new Function`, which the app's CSP refuses, and z-schema — the
 * interpreter that works under the CSP — took ~12 s of a 32 s initial sync of 20,000 docs in
 * Chromium (CPU profile, bench:sync); the generated code validates the same docs in well
 * under a second. A schema with no generated validator (edited without regenerating, or
 * RxDB's own internal stores) still gets z-schema, so nothing is ever left unvalidated.
 */
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { GENERATED_VALIDATORS } from './validators.generated';
import { schemaKey } from './schemaKey';

/** A failed rule, named by the field it concerns (`#/gridCode`) for quarantine reasons. */
export interface ValidationError {
  message?: string;
  path?: string;
}
export type DocValidator = (doc: unknown) => ValidationError[];

interface AjvError {
  instancePath: string;
  keyword: string;
  params: { missingProperty?: string };
  message?: string;
}
type StandaloneValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const generated = GENERATED_VALIDATORS as unknown as Record<string, StandaloneValidator>;
const validators = new WeakMap<object, DocValidator>();

/** The validator of a schema (looked up once per schema object). */
export function validatorOf(schema: RxJsonSchema<unknown>): DocValidator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = hasGeneratedValidator(schema) ? fromGenerated(generated[schemaKey(schema)]) : fromInterpreter(schema);
    validators.set(schema, validator);
  }
  return validator;
}

export function hasGeneratedValidator(schema: RxJsonSchema<unknown>): boolean {
  return Object.hasOwn(generated, schemaKey(schema));
}

function fromGenerated(validate: StandaloneValidator): DocValidator {
  return (doc) => {
    if (validate(doc)) return [];
    return (validate.errors ?? []).map((error) => ({
      // A missing field is reported on its parent by ajv: name the field itself.
      path: `#${error.instancePath}${error.keyword === 'required' ? `/${error.params.missingProperty}` : ''}`,
      message: error.message,
    }));
  };
}

function fromInterpreter(schema: RxJsonSchema<unknown>): DocValidator {
  return getValidator(schema as RxJsonSchema<RxDocumentData<unknown>>) as DocValidator;
}

/**
 * What a doc would meet in a collection's storage, validated as stored (with RxDB's bookkeeping
 * fields): for checking a write before any of its parts is stored.
 */
export function errorsOfDoc(schema: RxJsonSchema<unknown>, doc: object): ValidationError[] {
  return validatorOf(schema)({ _deleted: false, ...doc, _attachments: {}, _meta: { lwt: 1 }, _rev: '1-0' });
}
