/**
 * `npm run gen:validators`: writes core/schema/validators.generated.ts, the schema
 * validators of every collection as plain JavaScript (ajv's standalone code generation).
 *
 * Why generated: ajv compiles a schema with `new Function`, which the app's CSP refuses, and the
 * interpreting validator that works under the CSP (z-schema) took about a third of an initial
 * sync's time. Code generated here at build time runs under the CSP and is ~10-50x faster.
 * tests/unit/core/schema/validators.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateValidatorsSource } from './validators/generate';

const target = fileURLToPath(new URL('../core/schema/validators.generated.ts', import.meta.url));
writeFileSync(target, generateValidatorsSource());
console.log(`wrote ${target}`);
