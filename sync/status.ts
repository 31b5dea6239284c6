/**
 * The sync status the UI shows: one observable value, never a guess. Pending uploads are local
 * writes not yet accepted (or refused) by the server, counted per document type; rejected items
 * are read from the quarantine collection, so they survive restarts and stay until settled.
 */
import type { DocType } from '../core/schema';
import type { ConnectionState } from './connection';

export interface RejectedItem {
  id: string;
  docId: string;
  kind: 'rejectedPush' | 'invalidPull';
  /** The server's (or the validator's) reason, in a sentence for staff. */
  reason: string;
  at: string;
}

export interface SyncAuthError {
  /** 401: wrong name or password. 403: not a member of this database (pouchdb-server says 401). */
  status: 401 | 403;
  kind: 'wrongPassword' | 'notMember';
  reason: string;
  /** What to tell the user, from the catalogue. */
  message: string;
}

export interface SyncStatus {
  connection: ConnectionState;
  online: boolean;
  /** ISO time of the last request the server answered. */
  lastSyncAt: string | null;
  pendingUploads: Partial<Record<DocType, number>>;
  pendingTotal: number;
  rejected: { count: number; items: RejectedItem[] };
  /** Conflict records not yet settled by staff. */
  conflicts: number;
  authError: SyncAuthError | null;
  initial: { done: number; total: number; complete: boolean };
  /** The last unexpected error (English, for IT), if any. */
  lastError: string | null;
}

export const INITIAL_STATUS: SyncStatus = {
  connection: 'connecting',
  online: false,
  lastSyncAt: null,
  pendingUploads: {},
  pendingTotal: 0,
  rejected: { count: 0, items: [] },
  conflicts: 0,
  authError: null,
  initial: { done: 0, total: 0, complete: false },
  lastError: null,
};
