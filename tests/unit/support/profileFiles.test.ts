/**
 * The profile search of the at-rest e2e test reads LevelDB table files itself (footer, index,
 * snappy-compressed blocks): here it reads tables written by real LevelDB (leveldown, which
 * compresses with snappy), so a value that is only inside a compressed block is still found.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { filesUnder, findInProfile, leveldbTableText } from '../../e2e/support/profileFiles';

/** leveldown (installed with pouchdb-server; it ships no types): the calls used here. */
interface LevelDown {
  open(options: { compression: boolean }, done: (error?: Error | null) => void): void;
  put(key: string, value: string, done: (error?: Error | null) => void): void;
  compactRange(start: string, end: string, done: (error?: Error | null) => void): void;
  close(done: (error?: Error | null) => void): void;
}
const leveldown = createRequire(import.meta.url)('leveldown') as (location: string) => LevelDown;

function call(fn: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((error) => (error ? reject(error) : resolve())));
}

describe('reading a copied profile', () => {
  it('finds a value inside snappy-compressed LevelDB table blocks that the raw bytes do not show', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gridlink-leveldb-'));
    try {
      const db = leveldown(join(dir, 'db'));
      await call((done) => db.open({ compression: true }, done));
      // Repetitive values compress well: the secret sits between repeats, so snappy's
      // back-references split it and the raw file no longer holds it in one piece.
      const secret = '320506198802294175';
      for (let i = 0; i < 3000; i++) {
        const value = `${'静态数据'.repeat(20)}${i === 1500 ? secret : secret.slice(0, 10)}${'x'.repeat(200)}${secret.slice(0, 10)}`;
        await call((done) => db.put(`key-${String(i).padStart(5, '0')}`, value, done));
      }
      await call((done) => db.compactRange('key-', 'key-~', done));
      await call((done) => db.close(done));

      const tables = (await filesUnder(dir)).filter((f) => f.endsWith('.ldb'));
      expect(tables.length).toBeGreaterThan(0);
      const decompressed = Buffer.concat(await Promise.all(tables.map(async (f) => Buffer.from(leveldbTableText(await readFile(f))))));
      expect(decompressed.includes(Buffer.from(secret))).toBe(true);
      expect(decompressed.includes(Buffer.from('key-01500'))).toBe(true);
      const raw = Buffer.concat(await Promise.all(tables.map((f) => readFile(f))));
      // Compressed: the tables are far smaller than what they hold.
      expect(raw.length).toBeLessThan(decompressed.length / 2);

      const { findings, tables: read } = await findInProfile(dir, [secret, 'never-written-value']);
      expect(read).toBe(tables.length);
      expect(findings.some((f) => f.value === secret && f.how.startsWith('decompressed table'))).toBe(true);
      expect(findings.some((f) => f.value === 'never-written-value')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
