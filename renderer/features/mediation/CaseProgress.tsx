/** 调解过程: sessions, case-file documents, joint departments, extensions and escalation to the town. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { zhCN } from '../../../core/i18n';
import { addJointDepartment, escalate, extendDeadline, isOpen, readClock, recordSession } from '../../../core/mediation';
import type { MediationCaseDoc } from '../../../core/schema';
import { useNames } from '../../data/names';
import { formatDate, formatDateTime } from '../../ui/formatDate';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { CaseDocuments } from './CaseDocuments';
import { FormField } from './FormField';
import { StepMessage } from './StepMessage';
import { isoOfLocal, localNow, useStep } from './useStep';

export function CaseProgress({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const open = isOpen(doc);
  return (
    <section className="panel panel--padded med-section" aria-labelledby="med-sessions">
      <h2 id="med-sessions" className="panel__title">{t('session.title')}</h2>
      {(doc.sessions ?? []).length === 0 ? <p className="muted">{t('session.none')}</p> : null}
      <ol className="med-sessions">
        {(doc.sessions ?? []).map((session, index) => (
          <li key={`${session.at}-${index}`}>
            <div className="med-sessions__head">
              <strong>{formatDateTime(session.at)}</strong> · {session.place}
              {session.attendees ? <span className="muted"> · {t('session.attendees')}：{session.attendees}</span> : null}
            </div>
            <p>{session.record}</p>
          </li>
        ))}
      </ol>
      {open ? <SessionForm doc={doc} /> : null}
      <CaseDocuments doc={doc} />
      <JointDepartments doc={doc} />
      <Clock doc={doc} />
      <Escalation doc={doc} />
    </section>
  );
}

function SessionForm({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const [at, setAt] = useState(localNow);
  const [place, setPlace] = useState('');
  const [attendees, setAttendees] = useState('');
  const [record, setRecord] = useState('');
  const unsaved = useUnsavedChanges({ at, place, attendees, record });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await step.run((current, actor) => recordSession(current, { at: isoOfLocal(at), place, attendees, record }, actor));
    if (ok) {
      setRecord('');
      setAttendees('');
      unsaved.saved();
    }
  }
  return (
    <form className="med-subform" onSubmit={(e) => void submit(e)} aria-label={t('session.add')} noValidate>
      <h3>{t('session.add')}</h3>
      <div className="med-grid">
        <FormField label={t('session.at')} error={step.fields.at}><input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} /></FormField>
        <FormField label={t('session.place')} error={step.fields.place}><input value={place} onChange={(e) => setPlace(e.target.value)} /></FormField>
        <FormField label={t('session.attendees')} wide><input value={attendees} onChange={(e) => setAttendees(e.target.value)} /></FormField>
        <FormField label={t('session.record')} error={step.fields.record} wide><textarea rows={3} value={record} onChange={(e) => setRecord(e.target.value)} /></FormField>
      </div>
      <StepMessage error={step.error} />
      <div className="med-actions"><button type="submit" className="med-button med-button--primary" disabled={step.busy}>{t('session.add')}</button></div>
    </form>
  );
}

function JointDepartments({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const [name, setName] = useState('');
  useUnsavedChanges(name);
  const list = doc.jointDepartments ?? [];
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await step.run((current, actor) => addJointDepartment(current, name, actor))) setName('');
  }
  return (
    <form className="med-subform med-inline" onSubmit={(e) => void submit(e)} aria-label={t('joint.title')} noValidate>
      <h3>{t('joint.title')}</h3>
      <p>{list.length > 0 ? list.join('、') : <span className="muted">{t('joint.none')}</span>}</p>
      {doc.state !== 'archived' ? (
        <div className="med-inline__row">
          <FormField label={t('joint.title')} error={step.fields.department}>
            <input list="med-joint-suggestions" value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <datalist id="med-joint-suggestions">
            {zhCN.mediation.joint.suggestions.map((s) => <option key={s} value={s} />)}
          </datalist>
          <button type="submit" className="med-button" disabled={step.busy}>{t('joint.add')}</button>
        </div>
      ) : null}
      <StepMessage error={step.error} />
    </form>
  );
}

function Clock({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  useUnsavedChanges({ days, reason });
  const clock = readClock(doc);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await step.run((current, actor) => extendDeadline(current, Number(days), reason, actor))) {
      setDays('');
      setReason('');
    }
  }
  return (
    <form className="med-subform" onSubmit={(e) => void submit(e)} aria-label={t('clock.extend')} noValidate>
      <h3>{t('clock.title')}</h3>
      <p>
        {t('clock.deadline', { date: formatDate(clock.deadline) })}
        {clock.extendedDays > 0 ? <span className="muted">（{t('clock.extendedBy', { days: clock.extendedDays })}）</span> : null}
      </p>
      <ul className="med-plain">
        {(doc.extensions ?? []).map((e, i) => <li key={i}>{formatDate(e.at)} {t('clock.extension')} {e.days} 天：{e.reason}</li>)}
      </ul>
      {isOpen(doc) ? (
        <div className="med-inline__row">
          <FormField label={t('clock.days')} error={step.fields.days}><input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} /></FormField>
          <FormField label={t('clock.reason')} error={step.fields.reason}><input value={reason} onChange={(e) => setReason(e.target.value)} /></FormField>
          <button type="submit" className="med-button" disabled={step.busy}>{t('clock.extend')}</button>
        </div>
      ) : null}
      <StepMessage error={step.error} />
    </form>
  );
}

function Escalation({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const [reason, setReason] = useState('');
  const names = useNames();
  useUnsavedChanges(reason);
  const town = doc.scope.find((code) => code.length === 9);
  if (doc.escalation) {
    return (
      <div className="med-subform">
        <h3>{t('escalation.title')}</h3>
        <p>{t('escalation.done', { at: formatDateTime(doc.escalation.at), to: names.unit(doc.escalation.toCode), reason: doc.escalation.reason })}</p>
        {doc.takeover ? <p>{t('takeover.done', { unit: names.unit(doc.takeover.byUnit), at: formatDateTime(doc.takeover.at) })}</p> : null}
      </div>
    );
  }
  if (!isOpen(doc) || !town || doc.ownerCode === town) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    await step.run((current, actor) => escalate(current, town!, reason, actor));
  }
  return (
    <form className="med-subform" onSubmit={(e) => void submit(e)} aria-label={t('escalation.title')} noValidate>
      <h3>{t('escalation.title')}</h3>
      <div className="med-inline__row">
        <FormField label={t('escalation.reason')} error={step.fields.reason}><input value={reason} onChange={(e) => setReason(e.target.value)} /></FormField>
        <button type="submit" className="med-button" disabled={step.busy}>{t('escalation.action')}</button>
      </div>
      <StepMessage error={step.error} />
    </form>
  );
}
