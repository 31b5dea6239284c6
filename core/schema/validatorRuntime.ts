/**
 * The helpers ajv's standalone validators call at runtime (schemaValidators.generated.ts),
 * imported as ESM. ajv's runtime modules are CommonJS with `exports.default`: Node's ESM loader
 * hands over the exports object, a bundler the function, so both shapes are accepted.
 */
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import equalModule from 'ajv/dist/runtime/equal.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';

function defaultExport<F>(module: unknown): F {
  return (typeof module === 'function' ? module : (module as { default: F }).default) as F;
}

/** String length in code points, as JSON Schema counts `maxLength`. */
export const ucs2length = defaultExport<(text: string) => number>(ucs2lengthModule);
/** Deep equality for `enum` and `uniqueItems`. */
export const equal = defaultExport<(a: unknown, b: unknown) => boolean>(equalModule);
/** ajv-formats' full (not "fast") formats: `date-time` checks the date exists. */
export const formats = fullFormats;
