/**
 * The sync status the UI shows: one observable value, never a guess. Pending uploads are local
 * writes not yet accepted (or refused) by the server, counted per document type; rejected items
 * are read from the quarantine collection, so they survive restarts and stay until settled.
 */
import type { RxCollection } from 'rxdb';
import { BehaviorSubject, combineLatest, map, type Observable, type Subscription } from 'rxjs';
import { t } from '../core/i18n';
import { serverReasonText } from '../core/serverReason';
import type { DocType, QuarantineDoc } from '../core/schema';
import type { Connection, ConnectionState } from './connection';
import type { InitialProgress } from './initialProgress';

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
  /** The first catch-up of this run: docs stored of docs to store (initialProgress.ts). */
  initial: InitialProgress;
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

/**
 * The status as one observable value: parts of the engine patch what they know, the UI reads the
 * whole. `touched` notes an answer from the server.
 */
export class StatusPublisher {
  private readonly subject = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  readonly status$: Observable<SyncStatus> = this.subject.asObservable();

  get value(): SyncStatus {
    return this.subject.getValue();
  }

  patch(change: Partial<SyncStatus>): void {
    this.subject.next({ ...this.subject.getValue(), ...change });
  }

  touched(): void {
    this.patch({ lastSyncAt: new Date().toISOString() });
  }

  complete(): void {
    this.subject.complete();
  }
}

/** Publishes the connection's state and any refusal of our credentials. */
export function watchConnection(status: StatusPublisher, connection: Connection): Subscription {
  return combineLatest([connection.state$, connection.authError$, connection.serverError$]).subscribe(([state, authError, serverError]) => {
    const kind = authError ? authKind(authError.status, authError.reason) : null;
    status.patch({
      connection: state,
      online: state === 'online',
      authError:
        authError && kind
          ? { status: authError.status, kind, reason: authError.reason, message: t(`sync:auth.${kind}`, { reason: serverReasonText(authError.reason) }) }
          : null,
      ...(serverError ? { lastError: `server: ${serverError.message}` } : {}),
    });
  });
}

/** Publishes the open quarantine records: refused uploads and invalid pulls, and the count of open conflicts. */
export function watchQuarantine(status: StatusPublisher, quarantine: RxCollection<QuarantineDoc>): Subscription {
  return quarantine
    .find({ selector: { kind: { $in: ['rejectedPush', 'invalidPull', 'conflict'] } } })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as QuarantineDoc).filter((d) => !d.resolvedAt)))
    .subscribe((open) => {
      const items: RejectedItem[] = open
        .filter((d): d is QuarantineDoc & { kind: RejectedItem['kind'] } => d.kind !== 'conflict')
        .map((d) => ({ id: d.id, docId: d.docId, kind: d.kind, reason: d.reason, at: d.at }));
      status.patch({ rejected: { count: items.length, items }, conflicts: open.length - items.length });
    });
}

/**
 * CouchDB 3: wrong credentials → 401, a valid user who is not a member → 403. pouchdb-server
 * answers a non-member with 401 too, but says so in the reason ("…access this db").
 */
function authKind(status: 401 | 403, reason: string): SyncAuthError['kind'] {
  return status === 403 || /access this (db|database)|not a member|not allowed/i.test(reason) ? 'notMember' : 'wrongPassword';
}
