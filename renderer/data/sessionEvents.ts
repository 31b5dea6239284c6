/**
 * What happens to the person signed in at the workstation, for whoever records it (the audit
 * recorder subscribes here). A listener that throws is logged and never stops the others or the
 * sign-in itself.
 */
export type SessionEventKind = 'signIn' | 'signOut' | 'signInFailed' | 'lock' | 'unlock';

export interface SessionEvent {
  kind: SessionEventKind;
  /** The personal account (as typed, for a failed sign-in). */
  person: string;
  /** The station's unit. */
  unit: string;
  at: string;
  /** For signIn/unlock: checked by the server, or offline against the verifier; for a failure, why. */
  detail?: string;
}

type Listener = (event: SessionEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes to sign-in, sign-out, failed sign-ins, locks and unlocks; returns the unsubscribe. */
export function onSessionEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function emitSessionEvent(event: Omit<SessionEvent, 'at'>): void {
  const full = { ...event, at: new Date().toISOString() };
  for (const listener of [...listeners]) {
    try {
      listener(full);
    } catch (error) {
      console.error('session event listener failed', error);
    }
  }
}
