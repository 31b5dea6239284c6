import type { ReactNode } from 'react';

/** ok = done/intact, info = in progress, warn = needs attention, danger = overdue/lost, muted = inactive. */
export type Tone = 'ok' | 'info' | 'warn' | 'danger' | 'muted';

export function Tag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`tag tag--${tone}`}>{children}</span>;
}
