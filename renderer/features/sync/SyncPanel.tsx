import type { ReactNode } from 'react';

/** A panel of the sync screen: its title, with a count badge when something waits in it. */
export function SyncPanel({ id, title, count, warn, className, children }: { id: string; title: ReactNode; count: number; warn?: boolean; className?: string; children: ReactNode }) {
  return (
    <section className={className ? `panel panel--padded ${className}` : 'panel panel--padded'} aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
        {count > 0 ? <span className={warn ? 'sync-count sync-count--warn' : 'sync-count'}>{count}</span> : null}
      </h2>
      {children}
    </section>
  );
}
