/**
 * 人民调解协议书 as a printed A4 document: parties with their full identity details, facts and
 * responsibility, the agreed terms, how/where/by when they are performed, the amount in capitals
 * and figures, then places for every party's signature, the mediator's, the committee's seal
 * and the date. On screen it shows as a sheet with a print button; printing (or Electron's
 * printToPDF) gets only the sheet, styled by agreementPrint.css.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkResidentId, rmbInFigures, rmbInWords } from '../../../core/mediation';
import { docId, type MediationCaseDoc } from '../../../core/schema';
import { useDatabase, useSession } from '../../data/session';
import { useLive } from '../../data/useLive';
import { hrefOfView } from './mediationRoute';
import './agreementPrint.css';

const chineseDate = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
};

function PartyLine({ party }: { party: MediationCaseDoc['parties'][number] }) {
  const { t } = useTranslation('mediation');
  const id = party.idNumber ? checkResidentId(party.idNumber) : null;
  const details: string[] = [];
  if (party.kind === 'person') {
    if (id?.ok) details.push(id.parts.male ? '男' : '女', `${id.parts.birthDate.slice(0, 4)}年${Number(id.parts.birthDate.slice(5, 7))}月${Number(id.parts.birthDate.slice(8, 10))}日出生`);
    if (party.idNumber) details.push(`${t('agreement.idNumberShort')}${party.idNumber}`);
  } else if (party.creditCode) {
    details.push(`${t('agreement.creditCodeShort')}${party.creditCode}`);
  }
  if (party.address) details.push(`住址：${party.address}`);
  if (party.phone) details.push(`电话：${party.phone}`);
  return (
    <p className="agreement__party">
      <span className="agreement__label">{t(`agreement.${party.side}`)}：</span>
      {party.name}
      {party.headcount ? t('agreement.headcountSuffix', { count: party.headcount }) : ''}
      {details.length > 0 ? `，${details.join('，')}` : ''}。
    </p>
  );
}

export function AgreementPrint({ caseKey }: { caseKey: string }) {
  const { t } = useTranslation(['mediation', 'common']);
  const db = useDatabase();
  const { station } = useSession();
  const id = docId('mediationCase', caseKey);
  const doc$ = useMemo(() => db.cases.findOne(id).$, [db, id]);
  const found = useLive(doc$);
  const doc = found ? (found.toJSON() as MediationCaseDoc) : found;

  useEffect(() => {
    if (doc?.agreement) document.title = `${t('agreement.documentTitle')} ${doc.agreement.number}`;
  }, [doc?.agreement, t]);

  if (doc === undefined) return <p className="loading" role="status">{t('common:loading')}</p>;
  if (doc === null || !doc.agreement) {
    return <p className="med-banner med-banner--error" role="alert">{t('casePage.notFound')}</p>;
  }
  const agreement = doc.agreement;
  const committee = t('agreement.committee', { station: (station.stationName || station.stationCode).replace(/\s+/g, '') });
  const signers = doc.parties;

  return (
    <div className="agreement-view">
      <div className="agreement-toolbar">
        <a href={hrefOfView({ view: 'case', key: caseKey })}>← {t('agreement.back')}</a>
        <span className="muted">{t('agreement.printHint')}</span>
        <button type="button" className="med-button med-button--primary" onClick={() => window.print()}>{t('agreement.print')}</button>
      </div>
      <article className="agreement" aria-label={t('agreement.documentTitle')}>
        <header className="agreement__head">
          <p className="agreement__committee">{committee}</p>
          <h1 className="agreement__title">{t('agreement.documentTitle')}</h1>
          <p className="agreement__number">编号：{agreement.number}</p>
        </header>

        <section className="agreement__section">
          {signers.map((party, index) => <PartyLine key={index} party={party} />)}
        </section>

        <section className="agreement__section">
          <h2>{t('agreement.facts')}</h2>
          <p className="agreement__text">{agreement.facts}</p>
        </section>

        <section className="agreement__section">
          <h2>{t('agreement.terms')}</h2>
          <p className="agreement__text">{agreement.terms}</p>
          {agreement.amount !== undefined && agreement.amount > 0 ? (
            <p className="agreement__text agreement__amount">{t('agreement.amountLine', { words: rmbInWords(agreement.amount), figures: rmbInFigures(agreement.amount) })}</p>
          ) : null}
        </section>

        <section className="agreement__section">
          <h2>{t('agreement.performance')}</h2>
          <p className="agreement__text">
            {agreement.performance}
            {agreement.performBy && !agreement.performance.includes(chineseDate(agreement.performBy)) ? `（${t('agreement.performBy')}：${chineseDate(agreement.performBy)}前）` : ''}
          </p>
          <p className="agreement__text">{t('agreement.copies', { copies: signers.length + 1 })}</p>
        </section>

        <section className="agreement__signatures" aria-label="签名">
          <div className="agreement__sign-parties">
            {signers.map((party, index) => (
              <p key={index} className="agreement__sign-line">
                <span>{t('agreement.signParty', { side: t(`agreement.${party.side}`) })}</span>
                <span className="agreement__blank" />
              </p>
            ))}
            <p className="agreement__sign-line">
              <span>{t('agreement.signMediator')}</span>
              <span className="agreement__blank" />
            </p>
          </div>
          <div className="agreement__seal-block">
            <div className="agreement__seal" aria-hidden="true">{t('agreement.seal')}</div>
            <p className="agreement__committee-sign">{committee}</p>
            <p className="agreement__date">{chineseDate(agreement.signedAt)}</p>
          </div>
        </section>
        <footer className="agreement__foot">
          {t('app:mediation.number')}：{doc.number}
        </footer>
      </article>
    </div>
  );
}
