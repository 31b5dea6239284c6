/**
 * The case file's other printed documents, each a body in the one PrintSheet shell (as the
 * agreement is): 人民调解申请书, 调解笔录 (one per session), 回访记录 and 卷宗封面. Dates in the
 * Chinese form, the committee by name, signature lines where the paper is signed.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediationCaseDoc } from '../../../core/schema';
import { useNames } from '../../data/names';
import { PartyLine } from './AgreementPrint';
import type { CaseDocumentKind } from './mediationRoute';
import { chineseDate, PrintArticle, PrintSheet } from './PrintSheet';

function SignLines({ labels }: { labels: string[] }) {
  return (
    <section className="agreement__signatures" aria-label="签名">
      <div className="agreement__sign-parties">
        {labels.map((label, index) => (
          <p key={index} className="agreement__sign-line">
            <span>{label}</span>
            <span className="agreement__blank" />
          </p>
        ))}
      </div>
    </section>
  );
}

function Application({ doc, committee }: { doc: MediationCaseDoc; committee: string }) {
  const { t } = useTranslation(['mediation', 'app']);
  const applicants = doc.parties.filter((p) => p.side === 'applicant');
  return (
    <PrintArticle committee={committee} title={t('print.application.title')} number={doc.number}>
      <section className="agreement__section">
        {doc.parties.map((party, index) => <PartyLine key={index} party={party} />)}
      </section>
      <section className="agreement__section">
        <h2>{t('print.application.matters')}</h2>
        <p className="agreement__text">{t('print.application.type', { type: doc.disputeType, source: t(`app:mediation.sources.${doc.source}`) })}</p>
        <p className="agreement__text">{doc.summary}</p>
      </section>
      <section className="agreement__section">
        <p className="agreement__text">{t('print.application.request', { committee })}</p>
      </section>
      <SignLines labels={applicants.map(() => t('agreement.signParty', { side: t('agreement.applicant') }))} />
      <p className="agreement__date print-date">{chineseDate(doc.acceptedAt)}</p>
    </PrintArticle>
  );
}

function SessionRecord({ doc, committee }: { doc: MediationCaseDoc; committee: string }) {
  const { t } = useTranslation('mediation');
  const sessions = doc.sessions ?? [];
  return (
    <PrintArticle committee={committee} title={t('print.record.title')} number={doc.number}>
      {sessions.length === 0 ? <p className="agreement__text">{t('session.none')}</p> : null}
      {sessions.map((session, index) => (
        <section key={index} className="agreement__section">
          <h2>{t('print.record.session', { n: index + 1 })}</h2>
          <p className="agreement__party"><span className="agreement__label">{t('session.at')}：</span>{chineseDate(session.at)} {new Date(session.at).toTimeString().slice(0, 5)}</p>
          <p className="agreement__party"><span className="agreement__label">{t('session.place')}：</span>{session.place}</p>
          {session.attendees ? <p className="agreement__party"><span className="agreement__label">{t('session.attendees')}：</span>{session.attendees}</p> : null}
          <p className="agreement__party"><span className="agreement__label">{t('session.record')}：</span></p>
          <p className="agreement__text">{session.record}</p>
        </section>
      ))}
      <SignLines labels={[t('print.record.signParties'), t('agreement.signMediator'), t('print.record.signClerk')]} />
    </PrintArticle>
  );
}

function FollowUpRecord({ doc, committee }: { doc: MediationCaseDoc; committee: string }) {
  const { t } = useTranslation('mediation');
  const visits = doc.followUps ?? [];
  return (
    <PrintArticle committee={committee} title={t('print.followUp.title')} number={doc.agreement?.number ?? doc.number} caseNumber={doc.agreement ? doc.number : undefined}>
      <section className="agreement__section">
        {doc.parties.map((party, index) => <PartyLine key={index} party={party} />)}
      </section>
      {visits.length === 0 ? <p className="agreement__text">{t('followUp.none')}</p> : null}
      {visits.map((visit, index) => (
        <section key={index} className="agreement__section">
          <h2>{t('print.followUp.visit', { n: index + 1, date: chineseDate(visit.at) })}</h2>
          <p className="agreement__party"><span className="agreement__label">{t('followUp.performed')}：</span>{visit.performed ? t('followUp.performedYes') : t('followUp.performedNo')}</p>
          <p className="agreement__party"><span className="agreement__label">{t('followUp.satisfaction.label')}：</span>{t(`followUp.satisfaction.${visit.satisfaction}`)}</p>
          <p className="agreement__party"><span className="agreement__label">{t('followUp.remainingRisk')}：</span>{visit.remainingRisk ?? t('followUp.noRisk')}</p>
          <p className="agreement__party"><span className="agreement__label">{t('followUp.by')}：</span>{visit.by ?? ''}</p>
        </section>
      ))}
      <SignLines labels={[t('print.followUp.signVisitor'), t('print.followUp.signParty')]} />
    </PrintArticle>
  );
}

function Cover({ doc, committee }: { doc: MediationCaseDoc; committee: string }) {
  const { t } = useTranslation(['mediation', 'app']);
  const names = useNames();
  const rows: [string, string][] = [
    [t('app:mediation.number'), doc.number],
    [t('print.cover.parties'), doc.parties.map((p) => p.name).join('、')],
    [t('app:mediation.disputeType'), doc.disputeType],
    [t('print.cover.acceptedAt'), chineseDate(doc.acceptedAt)],
    [t('print.cover.concludedAt'), chineseDate(doc.outcome?.at)],
    [t('print.cover.result'), doc.outcome ? t(`outcome.${doc.outcome.kind}`) : ''],
    [t('agreement.number'), doc.agreement?.number ?? ''],
    [t('print.cover.mediators'), (doc.mediatorStaffIds ?? []).map((id) => names.assignee(id)).join('、')],
    [t('print.cover.archivedAt'), chineseDate(doc.archivedAt)],
    [t('print.cover.contents'), [t('print.application.title'), t('print.record.title'), doc.agreement ? t('agreement.documentTitle') : '', (doc.followUps ?? []).length > 0 ? t('print.followUp.title') : '', (doc.documents ?? []).length > 0 ? t('print.cover.scans', { count: (doc.documents ?? []).length }) : ''].filter(Boolean).join('、')],
  ];
  return (
    <PrintArticle committee={committee} title={t('print.cover.title')}>
      <table className="print-cover" aria-label={t('print.cover.title')}>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}><th scope="row">{label}</th><td>{value}</td></tr>
          ))}
        </tbody>
      </table>
    </PrintArticle>
  );
}

const BODIES: Record<CaseDocumentKind, (props: { doc: MediationCaseDoc; committee: string }) => ReactElement> = {
  application: Application,
  record: SessionRecord,
  followUp: FollowUpRecord,
  cover: Cover,
};

export function CaseFilePrint({ caseKey, document }: { caseKey: string; document: CaseDocumentKind }) {
  const { t } = useTranslation('mediation');
  const Body = BODIES[document];
  return <PrintSheet caseKey={caseKey} title={t(`print.${document}.title`)} render={(doc, committee) => <Body doc={doc} committee={committee} />} />;
}
