/**
 * 人民调解协议书 as a printed A4 document: parties with their full identity details, facts and
 * responsibility, the agreed terms, how/where/by when they are performed, the amount in capitals
 * and figures, then places for every party's signature, the mediator's, the committee's seal
 * and the date. The same sheet is the review shown before signing (AgreementSheet) and the
 * print view (AgreementPrint, in the PrintSheet shell); an amended agreement says so under its
 * terms.
 */
import { useTranslation } from 'react-i18next';
import { checkPersonDocument, rmbInFigures, rmbInWords, type Agreement } from '../../../core/mediation';
import type { MediationCaseDoc } from '../../../core/schema';
import { chineseDate, PrintArticle, PrintSheet } from './PrintSheet';

export function PartyLine({ party }: { party: MediationCaseDoc['parties'][number] }) {
  const { t } = useTranslation('mediation');
  const details: string[] = [];
  if (party.kind === 'person') {
    const id = party.idNumber ? checkPersonDocument(party.idType, party.idNumber) : null;
    if (id?.ok && id.parts) details.push(id.parts.male ? '男' : '女', `${id.parts.birthDate.slice(0, 4)}年${Number(id.parts.birthDate.slice(5, 7))}月${Number(id.parts.birthDate.slice(8, 10))}日出生`);
    if (party.idNumber) details.push(`${t(`documentType.short.${party.idType ?? 'residentId'}`)}${party.idNumber}`);
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

/** The agreement's sheet for a case and an agreement (the signed one, or the one under review). */
export function AgreementSheet({ doc, agreement, committee }: { doc: MediationCaseDoc; agreement: Agreement; committee: string }) {
  const { t } = useTranslation('mediation');
  const signers = doc.parties;
  const amendments = agreement.amendments ?? [];
  const lastAmendment = amendments[amendments.length - 1];
  return (
    <PrintArticle committee={committee} title={t('agreement.documentTitle')} number={agreement.number} caseNumber={doc.number}>
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
        {lastAmendment ? <p className="agreement__text">{t('amend.printNote', { at: chineseDate(lastAmendment.at), reason: lastAmendment.reason })}</p> : null}
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
    </PrintArticle>
  );
}

export function AgreementPrint({ caseKey }: { caseKey: string }) {
  const { t } = useTranslation('mediation');
  return (
    <PrintSheet
      caseKey={caseKey}
      title={t('agreement.documentTitle')}
      render={(doc, committee) => (doc.agreement ? <AgreementSheet doc={doc} agreement={doc.agreement} committee={committee} /> : null)}
    />
  );
}
