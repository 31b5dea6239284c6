/** What conflict policies may read from the server while resolving: docs by id range. */
import type { ServerDocs } from '../core/conflicts/policies';
import type { Connection } from './connection';
import type { CouchClient } from './couchClient';
import { serverState } from './serverMark';

interface AllDocsRange {
  rows: { id: string; value?: { deleted?: boolean }; doc?: (Record<string, unknown> & { _id: string }) | null }[];
}

export function serverDocsOf(client: CouchClient, connection: Connection): ServerDocs {
  return {
    async byIdPrefix(prefix) {
      // `\ufff0` sorts after every character an id of ours holds: the range is exactly the prefix.
      const params = new URLSearchParams({ include_docs: 'true', startkey: JSON.stringify(prefix), endkey: JSON.stringify(`${prefix}\ufff0`) });
      const body = await connection.run(() => client.json<AllDocsRange>(`/_all_docs?${params.toString()}`));
      return body.rows.filter((row) => row.doc && !row.value?.deleted).map((row) => serverState(row.doc!));
    },
  };
}
