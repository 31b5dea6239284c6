/** The demo district generator's public face; see generate.ts. */
export * from './generate';
