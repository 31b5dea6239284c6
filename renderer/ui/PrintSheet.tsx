/**
 * The A4 shell of a printed document (派遣单, the mediation case file): a toolbar with the way
 * back, a hint and 打印, above one sheet. Printing (or Electron's printToPDF) gets only the
 * sheet (printSheet.css); the document's own layout is its children's.
 */
import type { ReactNode } from 'react';
import './printSheet.css';

export interface PrintToolbar {
  back: { href: string; label: string };
  hint?: string;
  printLabel: string;
  /** More buttons before 打印 (the 月报's .xlsx export). */
  actions?: ReactNode;
}

/** The page around a printed sheet: the toolbar (never printed) above it. */
export function PrintView({ back, hint, printLabel, actions, children }: PrintToolbar & { children: ReactNode }) {
  return (
    <div className="print-view">
      <div className="print-toolbar">
        <a href={back.href}>← {back.label}</a>
        {hint ? <span className="print-toolbar__hint">{hint}</span> : null}
        <span className="print-toolbar__actions">
          {actions}
          <button type="button" className="action-button action-button--primary" onClick={() => window.print()}>{printLabel}</button>
        </span>
      </div>
      {children}
    </div>
  );
}

export function PrintSheet({ label, className, children, ...toolbar }: PrintToolbar & {
  /** The document's name, for the sheet's accessible name. */
  label: string;
  /** The document's own class, for its layout. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <PrintView {...toolbar}>
      <article className={['print-sheet', className].filter(Boolean).join(' ')} aria-label={label}>
        {children}
      </article>
    </PrintView>
  );
}
