/**
 * A case's page: everything on file (full ID numbers only here), its progress, outcome,
 * agreement, follow-ups, court confirmation, escalation, sync conflicts and audit trail.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holderOf, takeOver } from '../../../core/mediation';
import { docId, type EventDoc, type MediationCaseDoc, type StaffDoc } from '../../../core/schema';
import { maskAddress, maskIdNumber, maskPhone } from '../../../core/personalData';
import { useNames } from '../../data/names';
import { onReveal } from '../../data/personalDataAccess';
import { useDatabase, useSession } from '../../data/session';
import { useLive } from '../../data/useLive';
import { FactRow } from '../../ui/FactRow';
import { formatDate, formatDateTime } from '../../ui/formatDate';
import { Screen } from '../../ui/Screen';
import { CaseClosing } from './CaseClosing';
import { ClockTag, StateTag } from './caseDisplay';
import { CaseOutcome } from './CaseOutcome';
import { CaseProgress } from './CaseProgress';
import { ConflictPanel } from './ConflictPanel';
import { hrefOfView } from './mediationRoute';
import { StepMessage } from './StepMessage';
import { useStep } from './useStep';

export function CasePage({ caseKey }: { caseKey: string }) {
  const { t } = useTranslation(['mediation', 'app', 'common']);
  const db = useDatabase();
  const { station } = useSession();
  const names = useNames();
  const id = docId('mediationCase', caseKey);
  const doc$ = useMemo(() => db.cases.findOne(id).$, [db, id]);
  const found = useLive(doc$);
  const doc = useMemo(() => (found ? (found.toJSON() as MediationCaseDoc) : found), [found]);

  if (doc === undefined) return <p className="loading" role="status">{t('common:loading')}</p>;
  if (doc === null) {
    return (
      <Screen title={t('app:nav.mediation')} purpose={t('app:purpose.mediation')}>
        <p className="med-banner med-banner--error" role="alert">{t('casePage.notFound')}</p>
        <a href={hrefOfView({ view: 'list' })}>{t('casePage.back')}</a>
      </Screen>
    );
  }

  return (
    <Screen
      title={`${t('app:nav.mediation')} ${doc.number}`}
      purpose={`${doc.disputeType} · ${t(`app:mediation.sources.${doc.source}`)} · ${t('app:mediation.acceptedAt')} ${formatDate(doc.acceptedAt)}`}
      aside={
        <div className="med-case-status">
          <StateTag state={doc.state} /> <ClockTag doc={doc} />
        </div>
      }
    >
      <div className="med-back">
        <a href={hrefOfView({ view: 'list' })}>← {t('casePage.back')}</a>
        <nav className="med-prints" aria-label={t('print.menu')}>
          <span className="muted">{t('print.menu')}：</span>
          <a href={hrefOfView({ view: 'print', key: caseKey, document: 'application' })}>{t('print.application.title')}</a>
          <a href={hrefOfView({ view: 'print', key: caseKey, document: 'record' })}>{t('print.record.title')}</a>
          {doc.agreement ? <a href={hrefOfView({ view: 'agreement', key: caseKey })}>{t('agreement.documentTitle')}</a> : null}
          {(doc.followUps ?? []).length > 0 ? <a href={hrefOfView({ view: 'print', key: caseKey, document: 'followUp' })}>{t('print.followUp.title')}</a> : null}
          <a href={hrefOfView({ view: 'print', key: caseKey, document: 'cover' })}>{t('print.cover.title')}</a>
        </nav>
      </div>
      <ConflictPanel doc={doc} />
      <CaseBasics doc={doc} />
      {doc.state === 'escalated' && !doc.takeover && doc.escalation?.toCode === station.stationCode ? <Takeover doc={doc} /> : null}
      {holderOf(doc) === station.stationCode ? (
        <>
          <CaseProgress doc={doc} />
          <CaseOutcome doc={doc} />
          <CaseClosing doc={doc} />
        </>
      ) : (
        // A town sees its villages' cases; only the owning station writes them (the shared rules
        // would refuse anything else), so the forms are left out rather than failing on save.
        <>
          <p className="med-banner med-banner--info" role="note">
            {doc.holderCode && doc.holderCode !== doc.ownerCode ? t('takeover.readOnly', { holder: names.unit(doc.holderCode) }) : t('casePage.readOnly', { owner: names.unit(doc.ownerCode) })}
          </p>
          <fieldset className="med-readonly" disabled>
            <CaseProgress doc={doc} />
            <CaseOutcome doc={doc} />
            <CaseClosing doc={doc} />
          </fieldset>
        </>
      )}
      <CaseEvents caseId={doc.id} />
    </Screen>
  );
}

/** 接办: the town a case was escalated to takes it over and goes on mediating it. */
function Takeover({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const names = useNames();
  const step = useStep(doc.id);
  return (
    <section className="panel panel--padded med-section med-takeover" aria-labelledby="med-takeover">
      <h2 id="med-takeover" className="panel__title">{t('takeover.title')}</h2>
      <p>{t('takeover.hint', { owner: names.unit(doc.ownerCode) })}</p>
      {doc.escalation ? <p className="muted">{t('escalation.reason')}：{doc.escalation.reason}</p> : null}
      <StepMessage error={step.error} />
      <div className="med-actions">
        <button type="button" className="med-button med-button--primary" disabled={step.busy} onClick={() => void step.run((current, actor) => takeOver(current, actor))}>{t('takeover.action')}</button>
      </div>
    </section>
  );
}

type Party = MediationCaseDoc['parties'][number];

const hasPersonalData = (party: Party) => Boolean(party.idNumber || party.phone || party.address);

/**
 * A party's row: ID number, phone and address masked until 显示, which shows them for this
 * view only (leaving the page, or 隐藏, masks them again) and reports each field revealed.
 * An organisation's credit code is not personal data: shown in full.
 */
function PartyRow({ docId, index, party }: { docId: string; index: number; party: Party }) {
  const { t } = useTranslation(['mediation', 'app']);
  const [shown, setShown] = useState(false);
  const reveal = () => {
    for (const field of ['idNumber', 'phone', 'address'] as const) if (party[field]) onReveal(`parties.${index}.${field}`, docId);
    setShown(true);
  };
  return (
    <tr>
      <td className="is-nowrap">{t(`agreement.${party.side}`)} · {t(`register.kind.${party.kind}`)}</td>
      <td>
        {party.name}
        {hasPersonalData(party) ? (
          <button
            type="button"
            className="med-reveal"
            aria-pressed={shown}
            aria-label={t(shown ? 'personalData.hideLabel' : 'personalData.revealLabel', { name: party.name })}
            onClick={() => (shown ? setShown(false) : reveal())}
          >
            {t(shown ? 'personalData.hide' : 'personalData.reveal')}
          </button>
        ) : null}
      </td>
      <td className="mono is-nowrap">
        {party.kind === 'person' && party.idType && party.idType !== 'residentId' ? <span className="med-doc-type">{t(`documentType.${party.idType}`)} </span> : null}
        {party.idNumber ? (shown ? party.idNumber : maskIdNumber(party.idNumber)) : (party.creditCode ?? '')}
      </td>
      <td className="is-num">{party.headcount ?? 1}</td>
      <td className="is-nowrap">{shown ? (party.phone ?? '') : maskPhone(party.phone)}</td>
      <td className="is-grow">{shown ? (party.address ?? '') : maskAddress(party.address)}</td>
    </tr>
  );
}

function CaseBasics({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation(['mediation', 'app']);
  const db = useDatabase();
  const staff$ = useMemo(() => db.staff.find({ selector: { staffId: { $in: doc.mediatorStaffIds ?? [] } } }).$, [db, doc.mediatorStaffIds]);
  const staff = useLive(staff$);
  const mediators = (staff ?? []).map((s) => (s.toJSON() as StaffDoc).name).join('、');
  return (
    <section className="panel panel--padded med-section" aria-labelledby="med-basics">
      <h2 id="med-basics" className="panel__title">{t('casePage.basics')}</h2>
      <div className="table-wrap">
        <table className="data-table" aria-label={t('list.parties')}>
          <thead>
            <tr>
              <th scope="col">{t('list.parties')}</th>
              <th scope="col">{t('register.name')}</th>
              <th scope="col">{t('register.idNumber')} / {t('register.creditCode')}</th>
              <th scope="col">{t('register.headcount')}</th>
              <th scope="col">{t('register.phone')}</th>
              <th scope="col" className="is-grow">{t('register.address')}</th>
            </tr>
          </thead>
          <tbody>
            {doc.parties.map((party, index) => (
              <PartyRow key={index} docId={doc.id} index={index} party={party} />
            ))}
          </tbody>
        </table>
      </div>
      {doc.parties.some(hasPersonalData) ? <p className="muted med-masked-hint">{t('personalData.hint')}</p> : null}
      <dl className="facts med-facts">
        <FactRow label={t('app:mediation.summary')} value={doc.summary} />
        <FactRow label={t('register.peopleInvolved')} value={doc.peopleInvolved ?? ''} className="is-num" />
        <FactRow label={t('register.amountInvolved')} value={doc.amountInvolved !== undefined ? doc.amountInvolved.toLocaleString('zh-CN') : ''} className="is-num" />
        <FactRow label={t('casePage.mediators')} value={mediators} />
        {doc.ticketId ? <FactRow label={t('casePage.ticket')} value={doc.ticketId.replace(/^ticket:/, '')} className="mono" /> : null}
      </dl>
    </section>
  );
}

function CaseEvents({ caseId }: { caseId: string }) {
  const { t } = useTranslation('mediation');
  const db = useDatabase();
  const names = useNames();
  const events$ = useMemo(() => db.events.find({ selector: { subjectId: caseId }, sort: [{ subjectId: 'asc' }, { at: 'asc' }] }).$, [db, caseId]);
  const events = useLive(events$);
  return (
    <section className="panel panel--padded med-section" aria-labelledby="med-events">
      <h2 id="med-events" className="panel__title">{t('casePage.events')}</h2>
      <ol className="med-timeline">
        {(events ?? []).map((rx) => {
          const event = rx.toJSON() as EventDoc;
          return (
            <li key={event.id}>
              <span className="muted">{formatDateTime(event.at)}</span> {event.note} <span className="muted">· {names.unit(event.byUnit)} {names.author(event)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
