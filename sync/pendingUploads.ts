/**
 * Local writes waiting for the server: noted when a write is made (or first seen by the upload
 * side), settled when the server accepted or refused it. The counts per type go into the status.
 */
import { typeOfId, type DocType } from '../core/schema';
import type { StatusPublisher } from './status';

export class PendingUploads {
  private readonly pending = new Map<string, DocType>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly status: StatusPublisher) {}

  get size(): number {
    return this.pending.size;
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  add(ids: readonly string[]): void {
    for (const id of ids) {
      const type = typeOfId(id);
      if (type) this.pending.set(id, type);
    }
    this.publish();
  }

  settle(ids: readonly string[]): void {
    let changed = false;
    for (const id of ids) changed = this.pending.delete(id) || changed;
    if (changed) this.publish();
    for (const listener of this.listeners) listener();
  }

  /** Called after every settle (accepted, merged, refused or found on the server). */
  onSettle(listener: () => void): void {
    this.listeners.push(listener);
  }

  private publish(): void {
    const perType: Partial<Record<DocType, number>> = {};
    for (const type of this.pending.values()) perType[type] = (perType[type] ?? 0) + 1;
    this.status.patch({ pendingUploads: perType, pendingTotal: this.pending.size });
  }
}
