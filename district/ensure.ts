/**
 * Creating a database and writing a design doc so that two runs at once both succeed: two
 * districts provisioned on one server share `_users`, `_replicator` and the update feed, and a
 * release published while provisioning runs writes the feed's design doc too.
 */
import type { DocumentScope, ServerScope } from 'nano';
import { isConflict, isNotFound } from './connection';

export type DesignDoc = { _id: string; _rev?: string; validate_doc_update: string };

/**
 * The design doc as wanted; what this call did. Another provisioning may write it at the same
 * moment (two districts on one server share `_users`, `_replicator` and the update feed): a 409
 * reads it again, and finds it done or writes over the new revision.
 */
export async function ensureDesignDoc(couch: ServerScope, db: string, wanted: DesignDoc): Promise<'created' | 'updated' | null> {
  const scope: DocumentScope<DesignDoc> = couch.use(db);
  for (let attempt = 0; ; attempt++) {
    const current = await scope.get(wanted._id).catch((err: unknown) => {
      if (isNotFound(err)) return null;
      throw err;
    });
    if (current && current.validate_doc_update === wanted.validate_doc_update) return null;
    try {
      await scope.insert({ ...wanted, ...(current?._rev ? { _rev: current._rev } : {}) });
      return current ? 'updated' : 'created';
    } catch (err) {
      if (!isConflict(err) || attempt >= 5) throw err;
    }
  }
}

/**
 * Creates the database unless it exists; true when this call created it (another run may have,
 * meanwhile). Apache CouchDB answers most losers of a race 412, but under load some get
 * 500 `{"error":"error","reason":"conflict"}`: the shard map doc was written by the winner
 * before this node's cache showed the database (measured: 5 of 480 creates, eight at a time on
 * two busy cores). So any refusal is checked against what the server now has.
 */
export async function ensureDatabase(couch: ServerScope, name: string): Promise<boolean> {
  try {
    await couch.db.create(name);
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 412) return false;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await databaseExists(couch, name)) return false;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
    throw err;
  }
}

async function databaseExists(couch: ServerScope, name: string): Promise<boolean> {
  try {
    await couch.db.get(name);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
