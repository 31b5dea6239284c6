/**
 * The A4 shell of a printed document (派遣单, and any other print view): a toolbar with the way
 * back, a hint and 打印, above one sheet. Printing (or Electron's printToPDF) gets only the
 * sheet (printSheet.css); the document's own layout is its children's.
 */
import type { ReactNode } from 'react';
import './printSheet.css';

export function PrintSheet({ label, back, hint, printLabel, className, children }: {
  /** The document's name, for the sheet's accessible name. */
  label: string;
  back: { href: string; label: string };
  hint: string;
  printLabel: string;
  /** The document's own class, for its layout. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="print-view">
      <div className="print-toolbar">
        <a href={back.href}>← {back.label}</a>
        <span className="print-toolbar__hint">{hint}</span>
        <button type="button" className="action-button action-button--primary print-toolbar__print" onClick={() => window.print()}>{printLabel}</button>
      </div>
      <article className={['print-sheet', className].filter(Boolean).join(' ')} aria-label={label}>
        {children}
      </article>
    </div>
  );
}
