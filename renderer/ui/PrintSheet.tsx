/**
 * The A4 shell of a printed document (派遣单, the mediation case file): a toolbar with the way
 * back, a hint and 打印, above one sheet. Printing (or Electron's printToPDF) gets only the
 * sheet (printSheet.css); the document's own layout is its children's.
 *
 * Every print is an audit record (renderer/data/audit.ts): by the 打印 button, or by Ctrl+P or
 * the browser's menu while the view is open (the window's `beforeprint`).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useAuditRecorder } from '../data/audit';
import './printSheet.css';

export interface PrintToolbar {
  back: { href: string; label: string };
  hint?: string;
  printLabel: string;
  /** More buttons before 打印 (the 月报's .xlsx export). */
  actions?: ReactNode;
  /** What a print of this view prints, for its audit record: a doc id or a report's name. */
  audit: { target: string; detail?: string };
}

/** The page around a printed sheet: the toolbar (never printed) above it. */
export function PrintView({ back, hint, printLabel, actions, audit, children }: PrintToolbar & { children: ReactNode }) {
  const record = useAuditRecorder();
  const byButton = useRef(false);
  const { target, detail } = audit;
  useEffect(() => {
    const onBeforePrint = () => {
      if (!byButton.current) void record({ action: 'print', target, ...(detail ? { detail } : {}) });
    };
    window.addEventListener('beforeprint', onBeforePrint);
    return () => window.removeEventListener('beforeprint', onBeforePrint);
  }, [record, target, detail]);
  const print = () => {
    void record({ action: 'print', target, ...(detail ? { detail } : {}) });
    // window.print() fires `beforeprint` before it returns: that print is this record's.
    byButton.current = true;
    try {
      window.print();
    } finally {
      byButton.current = false;
    }
  };
  return (
    <div className="print-view">
      <div className="print-toolbar">
        <a href={back.href}>← {back.label}</a>
        {hint ? <span className="print-toolbar__hint">{hint}</span> : null}
        <span className="print-toolbar__actions">
          {actions}
          <button type="button" className="action-button action-button--primary" onClick={print}>{printLabel}</button>
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
