/**
 * When docs arrive in a database: a continuous `_changes` feed from now on, as the admin,
 * resumed from its last seq when the connection drops (a cluster node stopped under it).
 */
export interface Arrivals {
  /** doc id → first time (Date.now()) it was seen in the database. */
  seen: Map<string, number>;
  stop(): void;
}

export function followArrivals(url: string, dbName: string, authorization: string): Arrivals {
  const seen = new Map<string, number>();
  const controller = new AbortController();
  let since = 'now';
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${url}/${dbName}/_changes?feed=continuous&heartbeat=5000&since=${encodeURIComponent(since)}`, { headers: { authorization }, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`${dbName} _changes: ${response.status}`);
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (!line) continue;
            const row = JSON.parse(line) as { id?: string; seq?: string; last_seq?: string };
            if (row.id && !seen.has(row.id)) seen.set(row.id, Date.now());
            if (row.seq) since = row.seq;
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return { seen, stop: () => controller.abort() };
}
