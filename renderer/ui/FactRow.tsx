import type { ReactNode } from 'react';

/** One label–value row of a `<dl className="facts">` list (the sync status, a case's facts). */
export function FactRow({ label, value, className }: { label: ReactNode; value: ReactNode; className?: string }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd {...(className ? { className } : {})}>{value}</dd>
    </div>
  );
}
