/**
 * The one shell of every printed case document (协议书, 申请书, 调解笔录, 回访记录, 卷宗封面): it
 * loads the case, names the committee through the one name lookup, and lays out an A4 sheet
 * in the app's print view (renderer/ui/PrintSheet.tsx: toolbar, A4 sheet, print rules); the
 * documents' own layout is agreementPrint.css. Each document is a body rendered inside it.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { holderOf } from '../../../core/mediation';
import { docId, type MediationCaseDoc } from '../../../core/schema';
import { useNames } from '../../data/names';
import { useDatabase } from '../../data/session';
import { useLive } from '../../data/useLive';
import { PrintView } from '../../ui/PrintSheet';
import { hrefOfView } from './mediationRoute';
import './agreementPrint.css';

export const chineseDate = (iso: string | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
};

/** The committee that handles the case now (the town's once it took the case over). */
export function useCommittee(doc: Pick<MediationCaseDoc, 'ownerCode' | 'holderCode'> | null | undefined): string {
  const names = useNames();
  return doc ? names.committee(holderOf(doc)) : '';
}

/** The sheet itself: committee, title, number line, then the document's body. */
export function PrintArticle({ committee, title, number, caseNumber, children, footer }: {
  committee: string;
  title: string;
  number?: string;
  /** The case's number beside the document's own (on one line, so it costs no height). */
  caseNumber?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <article className="print-sheet agreement" aria-label={title}>
      <header className="agreement__head">
        <p className="agreement__committee">{committee}</p>
        <h1 className="agreement__title">{title}</h1>
        {number || caseNumber ? (
          <p className="agreement__number">
            {caseNumber ? <span>案件编号：{caseNumber}</span> : null}
            {number ? <span>编号：{number}</span> : null}
          </p>
        ) : null}
      </header>
      {children}
      {footer ? <footer className="agreement__foot">{footer}</footer> : null}
    </article>
  );
}

export function PrintSheet({ caseKey, title, render }: {
  caseKey: string;
  title: string;
  /** The document's body for the case, or null when the case has nothing to print for it. */
  render: (doc: MediationCaseDoc, committee: string) => ReactNode | null;
}) {
  const { t } = useTranslation(['mediation', 'common']);
  const db = useDatabase();
  const id = docId('mediationCase', caseKey);
  const doc$ = useMemo(() => db.cases.findOne(id).$, [db, id]);
  const found = useLive(doc$);
  const doc = useMemo(() => (found ? (found.toJSON() as MediationCaseDoc) : found), [found]);
  const committee = useCommittee(doc);

  useEffect(() => {
    if (doc) document.title = `${title} ${doc.agreement?.number ?? doc.number}`;
  }, [doc, title]);

  if (doc === undefined) return <p className="loading" role="status">{t('common:loading')}</p>;
  const body = doc ? render(doc, committee) : null;
  if (doc === null || body === null) return <p className="med-banner med-banner--error" role="alert">{t('casePage.notFound')}</p>;
  return (
    <PrintView back={{ href: hrefOfView({ view: 'case', key: caseKey }), label: t('agreement.back') }} hint={t('agreement.printHint')} printLabel={t('print.action')} audit={{ target: id, detail: title }}>
      {body}
    </PrintView>
  );
}
