/** After the outcome: follow-up visits (回访), court confirmation (司法确认), statistics flags and archiving. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { applyCourtConfirmation, archiveCase, courtConfirmationWindow, recordCourtDecision, recordFollowUp, setPreventionFlags, type FollowUp } from '../../../core/mediation';
import type { MediationCaseDoc } from '../../../core/schema';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { formatDate } from '../../ui/formatDate';
import { Tag } from '../../ui/Tag';
import { FormField } from './FormField';
import { StepMessage } from './StepMessage';
import { isoOfLocal, localNow, localToday, useStep } from './useStep';

export function CaseClosing({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  return (
    <section className="panel panel--padded med-section" aria-labelledby="med-followups">
      <h2 id="med-followups" className="panel__title">{t('followUp.title')}</h2>
      <FollowUps doc={doc} />
      {doc.agreement ? <CourtConfirmation doc={doc} /> : null}
      <Flags doc={doc} />
      <Archive doc={doc} />
    </section>
  );
}

function FollowUps({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const [at, setAt] = useState(localNow);
  // No answer is assumed: the clerk picks what the party said at the visit.
  const [performed, setPerformed] = useState<boolean | null>(null);
  const [satisfaction, setSatisfaction] = useState<FollowUp['satisfaction'] | null>(null);
  const [risk, setRisk] = useState('');
  const [by, setBy] = useState('');
  const unsaved = useUnsavedChanges({ at, performed, satisfaction, risk, by });
  const visits = doc.followUps ?? [];
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await step.run((current, actor) => recordFollowUp(current, { at: isoOfLocal(at), performed, satisfaction, remainingRisk: risk, by }, actor))) {
      setRisk('');
      setPerformed(null);
      setSatisfaction(null);
      unsaved.saved();
    }
  }
  return (
    <>
      {visits.length === 0 ? <p className="muted">{t('followUp.none')}</p> : null}
      {visits.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table" aria-label={t('followUp.title')}>
            <thead>
              <tr>
                <th scope="col">{t('followUp.at')}</th>
                <th scope="col">{t('followUp.performed')}</th>
                <th scope="col">{t('followUp.satisfaction.label')}</th>
                <th scope="col" className="is-grow">{t('followUp.remainingRisk')}</th>
                <th scope="col">{t('followUp.by')}</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v, i) => (
                <tr key={i}>
                  <td className="is-nowrap">{formatDate(v.at)}</td>
                  <td>{v.performed ? t('followUp.performedYes') : <Tag tone="warn">{t('followUp.performedNo')}</Tag>}</td>
                  <td>{t(`followUp.satisfaction.${v.satisfaction}`)}</td>
                  <td className="is-grow">{v.remainingRisk}</td>
                  <td>{v.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {doc.outcome && doc.state !== 'archived' ? (
        <form className="med-subform" onSubmit={(e) => void submit(e)} aria-label={t('followUp.add')} noValidate>
          <h3>{t('followUp.add')}</h3>
          <div className="med-grid">
            <FormField label={t('followUp.at')}><input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} /></FormField>
            <FormField label={t('followUp.performed')} error={step.fields.performed}>
              <select value={performed === null ? '' : performed ? 'yes' : 'no'} onChange={(e) => setPerformed(e.target.value === '' ? null : e.target.value === 'yes')}>
                <option value="">{t('register.choose')}</option>
                <option value="yes">{t('followUp.performedYes')}</option>
                <option value="no">{t('followUp.performedNo')}</option>
              </select>
            </FormField>
            <FormField label={t('followUp.satisfaction.label')} error={step.fields.satisfaction}>
              <select value={satisfaction ?? ''} onChange={(e) => setSatisfaction(e.target.value === '' ? null : (e.target.value as FollowUp['satisfaction']))}>
                <option value="">{t('register.choose')}</option>
                {(['satisfied', 'neutral', 'dissatisfied'] as const).map((s) => <option key={s} value={s}>{t(`followUp.satisfaction.${s}`)}</option>)}
              </select>
            </FormField>
            <FormField label={t('followUp.by')}><input value={by} onChange={(e) => setBy(e.target.value)} /></FormField>
            <FormField label={t('followUp.remainingRisk')} wide><input value={risk} onChange={(e) => setRisk(e.target.value)} /></FormField>
          </div>
          <StepMessage error={step.error} />
          <div className="med-actions"><button type="submit" className="med-button med-button--primary" disabled={step.busy}>{t('followUp.add')}</button></div>
        </form>
      ) : null}
    </>
  );
}

function CourtConfirmation({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const [appliedAt, setAppliedAt] = useState(localToday);
  const [court, setCourt] = useState('');
  // An application replaces this form with its record (and so clears it).
  useUnsavedChanges({ appliedAt, court });
  const window = courtConfirmationWindow(doc);
  const confirmation = doc.courtConfirmation;
  async function submit(event: FormEvent) {
    event.preventDefault();
    await step.run((current, actor) => applyCourtConfirmation(current, appliedAt === localToday() ? new Date().toISOString() : isoOfLocal(appliedAt), court, actor));
  }
  return (
    <div className="med-subform" aria-label={t('court.title')} role="group">
      <h3>{t('court.title')}</h3>
      {confirmation ? (
        <p>
          {formatDate(confirmation.appliedAt)} {confirmation.court} · {t('court.result.label')}：
          <Tag tone={confirmation.result === 'confirmed' ? 'ok' : confirmation.result === 'rejected' ? 'danger' : 'info'}>{t(`court.result.${confirmation.result}`)}</Tag>
          {confirmation.result === 'pending' ? (
            <>
              {' '}
              <button type="button" className="med-button" disabled={step.busy} onClick={() => void step.run((c, a) => recordCourtDecision(c, 'confirmed', a))}>{t('court.confirm')}</button>{' '}
              <button type="button" className="med-button med-button--quiet" disabled={step.busy} onClick={() => void step.run((c, a) => recordCourtDecision(c, 'rejected', a))}>{t('court.reject')}</button>
            </>
          ) : null}
        </p>
      ) : (
        <>
          <p className={window?.open ? '' : 'muted'}>
            {window?.open
              ? t('court.window', { until: formatDate(window.until), days: window.daysLeft })
              : t('court.windowClosed', { until: formatDate(window?.until) })}
          </p>
          <form className="med-inline__row" onSubmit={(e) => void submit(e)} aria-label={t('court.apply')} noValidate>
            <FormField label={t('court.appliedAt')}><input type="date" value={appliedAt} onChange={(e) => setAppliedAt(e.target.value)} /></FormField>
            <FormField label={t('court.court')}><input value={court} placeholder={t('court.defaultCourt')} onChange={(e) => setCourt(e.target.value)} /></FormField>
            <button type="submit" className="med-button" disabled={step.busy}>{t('court.apply')}</button>
          </form>
        </>
      )}
      <StepMessage error={step.error} />
    </div>
  );
}

function Flags({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const flags = { preventedCriminal: doc.preventedCriminal ?? false, preventedMassPetition: doc.preventedMassPetition ?? false };
  const toggle = (key: keyof typeof flags) => void step.run((c, a) => setPreventionFlags(c, { ...flags, [key]: !flags[key] }, a));
  return (
    <fieldset className="med-subform med-checks" disabled={step.busy}>
      <legend>{t('flags.title')}</legend>
      {(['preventedCriminal', 'preventedMassPetition'] as const).map((key) => (
        <label key={key} className="med-check">
          <input type="checkbox" checked={flags[key]} onChange={() => toggle(key)} /> {t(`flags.${key}`)}
        </label>
      ))}
      <StepMessage error={step.error} />
    </fieldset>
  );
}

function Archive({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  if (doc.state === 'archived') return <p className="muted">{t('archive.done', { at: formatDate(doc.archivedAt ?? doc.updatedAt) })}</p>;
  if (!doc.outcome) return null;
  return (
    <div className="med-actions">
      <StepMessage error={step.error} />
      <button type="button" className="med-button" disabled={step.busy} onClick={() => void step.run((c, a) => archiveCase(c, a))}>{t('archive.action')}</button>
    </div>
  );
}
