/**
 * Reading a copied Chromium profile the way someone who took the disk would: every file's raw
 * bytes, and for LevelDB table files (`*.ldb`, IndexedDB's and Local Storage's stores) every
 * block decompressed, since LevelDB stores blocks snappy-compressed and a value compressed there
 * would not show in the raw bytes. The table format (footer → index block → data blocks, each
 * with a 5-byte trailer naming its compression) and raw snappy are small enough to read here;
 * no decompressor package is installed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir`, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Raw snappy (no framing): a varint length, then literals and back-references. */
export function snappyDecompress(input: Uint8Array): Uint8Array {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = input[pos++];
    length |= (byte & 0x7f) << shift;
    if (byte < 0x80) break;
  }
  const out = new Uint8Array(length);
  let o = 0;
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const bytes = len - 59;
        len = 0;
        for (let i = 0; i < bytes; i++) len |= input[pos++] << (8 * i);
      }
      len += 1;
      out.set(input.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++];
    } else if (kind === 2) {
      len = (tag >>> 2) + 1;
      offset = input[pos] | (input[pos + 1] << 8);
      pos += 2;
    } else {
      len = (tag >>> 2) + 1;
      offset = (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16) | (input[pos + 3] << 24)) >>> 0;
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error(`snappy: bad offset ${offset} at ${o}`);
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset];
  }
  if (o !== length) throw new Error(`snappy: ${o} bytes out of ${length}`);
  return out;
}

function varint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
  }
}

function blockAt(file: Uint8Array, offset: number, size: number): Uint8Array {
  const body = file.subarray(offset, offset + size);
  const type = file[offset + size];
  return type === 1 ? snappyDecompress(body) : body;
}

/** The entries' bytes of one block (prefix-compressed keys + values), as one buffer. */
function blockEntries(block: Uint8Array): { keys: Uint8Array[]; values: Uint8Array[] } {
  const restarts = new DataView(block.buffer, block.byteOffset, block.byteLength).getUint32(block.length - 4, true);
  const end = block.length - 4 - restarts * 4;
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  let pos = 0;
  let last = new Uint8Array(0);
  while (pos < end) {
    let shared: number, unshared: number, valueLength: number;
    [shared, pos] = varint(block, pos);
    [unshared, pos] = varint(block, pos);
    [valueLength, pos] = varint(block, pos);
    const key = new Uint8Array(shared + unshared);
    key.set(last.subarray(0, shared));
    key.set(block.subarray(pos, pos + unshared), shared);
    pos += unshared;
    keys.push(key);
    values.push(block.subarray(pos, pos + valueLength));
    pos += valueLength;
    last = key;
  }
  return { keys, values };
}

/** Every data block of a LevelDB table file, decompressed, concatenated. */
export function leveldbTableText(file: Uint8Array): Uint8Array {
  const footer = file.subarray(file.length - 48);
  let pos = 0;
  [, pos] = varint(footer, pos); // metaindex offset
  [, pos] = varint(footer, pos); // metaindex size
  const [indexOffset, next] = varint(footer, pos);
  const [indexSize] = varint(footer, next);
  const index = blockEntries(blockAt(file, indexOffset, indexSize));
  const parts: Uint8Array[] = [];
  for (const handle of index.values) {
    const [offset, next] = varint(handle, 0);
    const [size] = varint(handle, next);
    const block = blockEntries(blockAt(file, offset, size));
    parts.push(...block.keys, ...block.values);
  }
  return Buffer.concat(parts);
}

export interface Finding {
  file: string;
  value: string;
  /** How it was found: raw bytes or a decompressed table; UTF-8 or UTF-16LE (V8's two-byte strings). */
  how: string;
}

/**
 * Where any of `values` appears in the files under `dir`: raw bytes of every file, and the
 * decompressed blocks of every LevelDB table, each in UTF-8 and UTF-16LE. Also returns how many
 * table files were decompressed, so a test can tell it really looked inside them.
 */
export async function findInProfile(dir: string, values: readonly string[]): Promise<{ findings: Finding[]; files: number; tables: number }> {
  const findings: Finding[] = [];
  const files = await filesUnder(dir);
  let tables = 0;
  for (const path of files) {
    const raw = await readFile(path);
    const views: [string, Buffer][] = [['raw', raw]];
    if (path.endsWith('.ldb') && raw.length >= 48) {
      try {
        views.push(['decompressed table', Buffer.from(leveldbTableText(raw))]);
        tables++;
      } catch (error) {
        findings.push({ file: relative(dir, path), value: '', how: `unreadable table: ${(error as Error).message}` });
      }
    }
    for (const [how, bytes] of views) {
      for (const value of values) {
        if (bytes.includes(Buffer.from(value, 'utf8'))) findings.push({ file: relative(dir, path), value, how: `${how}, utf-8` });
        if (bytes.includes(Buffer.from(value, 'utf16le'))) findings.push({ file: relative(dir, path), value, how: `${how}, utf-16le` });
      }
    }
  }
  return { findings, files: files.length, tables };
}
