/** The little of pouchdb-browser the bench uses (no @types/pouchdb installed). */
declare module 'pouchdb-browser' {
  interface Replication extends Promise<unknown> {
    cancel(): void;
  }
  class PouchDB {
    constructor(name: string, options?: Record<string, unknown>);
    static fetch(url: string | Request, init?: RequestInit): Promise<Response>;
    replicate: { from(source: PouchDB, options?: Record<string, unknown>): Replication };
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
    close(): Promise<void>;
  }
  export default PouchDB;
}
