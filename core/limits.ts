/**
 * How big a document may be, defined once: the server's rules refuse a larger write from a
 * station (core/rules, embedded in validate_doc_update through the rule spec), the schemas hold
 * the same id limits, and the sync engine quarantines a pulled doc beyond them instead of letting
 * it stop the feed (one bad doc must never stop another unit's sync).
 *
 * Sized from what the app writes: the largest docs are grids with long boundaries (tens of KB)
 * and mediation cases with several long texts; the deepest a grid's coordinates (depth 5).
 */
export const DOC_LIMITS = {
  /** The doc as JSON, in characters (a CJK character is one; CouchDB's own limit is in bytes). */
  maxDocChars: 1_000_000,
  /** Objects and arrays inside each other. */
  maxDepth: 16,
  /** Any one string value (the schemas' long texts are 20,000). */
  maxStringChars: 20_000,
  /** `<type>:<key>`, as the schemas' `id` maxLength. */
  maxIdChars: 160,
  /** A photo's image after compression (the photo store refuses more than 4 MB). */
  maxAttachmentBytes: 5 * 1024 * 1024,
  /** How far a step's time (`at`) may be ahead of the server's clock. */
  clockSkewMs: 10 * 60 * 1000,
} as const;

export type DocLimits = { [K in keyof typeof DOC_LIMITS]: number };

/** The key after `<type>:`: letters, digits, `-`, `_` and `.`, starting with a letter or digit. */
export const ID_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

/** The walk that measures a doc against these limits lives with the rules (plain ES5, no imports). */
export { beyondLimits, type LimitBreach } from './rules/writeRules';
