/** 调解结果: an agreement (drafted from the case, numbered on signing) or another outcome with its reason. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { draftAgreement, isOpen, recordAgreement, recordOutcome, rmbInFigures, rmbInWords, type OtherOutcome } from '../../../core/mediation';
import { keyOfId, type MediationCaseDoc } from '../../../core/schema';
import { formatDate, formatDateTime } from '../../ui/formatDate';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { useCaseWriter } from './caseWriter';
import { FormField } from './FormField';
import { hrefOfView } from './mediationRoute';
import { StepMessage } from './StepMessage';
import { isoOfLocal, localToday, useStep } from './useStep';

type Kind = 'agreement' | OtherOutcome;

export function CaseOutcome({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  return (
    <section className="panel panel--padded med-section" aria-labelledby="med-outcome">
      <h2 id="med-outcome" className="panel__title">{t('outcome.title')}</h2>
      {doc.outcome ? <OutcomeView doc={doc} /> : isOpen(doc) ? <OutcomeForm doc={doc} /> : <p className="muted">{t('outcome.none')}</p>}
    </section>
  );
}

function OutcomeView({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const outcome = doc.outcome!;
  const agreement = doc.agreement;
  return (
    <>
      <p>
        <strong>{t(`outcome.${outcome.kind}`)}</strong> · {formatDateTime(outcome.at)}
        {outcome.reason ? <>：{outcome.reason}</> : null}
      </p>
      {agreement ? (
        <>
          <dl className="facts med-facts">
            <div className="facts__row"><dt>{t('agreement.number')}</dt><dd className="mono">{agreement.number}</dd></div>
            <div className="facts__row"><dt>{t('agreement.facts')}</dt><dd>{agreement.facts}</dd></div>
            <div className="facts__row"><dt>{t('agreement.terms')}</dt><dd className="med-pre">{agreement.terms}</dd></div>
            <div className="facts__row"><dt>{t('agreement.performance')}</dt><dd>{agreement.performance}</dd></div>
            {agreement.performBy ? <div className="facts__row"><dt>{t('agreement.performBy')}</dt><dd>{formatDate(agreement.performBy)}</dd></div> : null}
            {agreement.amount !== undefined ? (
              <div className="facts__row"><dt>{t('agreement.amount')}</dt><dd>{rmbInWords(agreement.amount)}（¥{rmbInFigures(agreement.amount)}）</dd></div>
            ) : null}
            <div className="facts__row"><dt>{t('agreement.signedAt')}</dt><dd>{formatDate(agreement.signedAt)}</dd></div>
          </dl>
          <div className="med-actions">
            <a className="med-button med-button--primary" href={hrefOfView({ view: 'agreement', key: keyOfId(doc.id) })}>{t('agreement.print')}</a>
          </div>
        </>
      ) : null}
    </>
  );
}

function OutcomeForm({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const writer = useCaseWriter();
  const step = useStep(doc.id);
  const [kind, setKind] = useState<Kind>('agreement');
  const draft = draftAgreement(doc, doc.amountInvolved);
  const [facts, setFacts] = useState(draft.facts);
  const [terms, setTerms] = useState(draft.terms);
  const [performance, setPerformance] = useState(draft.performance);
  const [performBy, setPerformBy] = useState((draft.performBy ?? '').slice(0, 10));
  const [amount, setAmount] = useState(doc.amountInvolved !== undefined ? String(doc.amountInvolved) : '');
  const [signedAt, setSignedAt] = useState(localToday);
  const [reason, setReason] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const [termsEdited, setTermsEdited] = useState(false);
  // A recorded outcome replaces this form with the outcome (and so clears it).
  useUnsavedChanges({ kind, facts, terms, performance, performBy, amount, signedAt, reason });

  // Until the clerk edits the terms, they follow the amount (written out in capitals).
  function changeAmount(value: string) {
    setAmount(value);
    const n = Number(value.replace(/[,，\s]/g, ''));
    if (!termsEdited && Number.isFinite(n)) setTerms(draftAgreement(doc, n, performBy ? isoOfLocal(performBy) : undefined).terms);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAmountError(undefined);
    if (kind !== 'agreement') {
      await step.run((current, actor) => recordOutcome(current, kind, reason, actor));
      return;
    }
    const text = amount.replace(/[,，\s]/g, '');
    if (text && !/^[0-9]+(\.[0-9]{1,2})?$/.test(text)) return setAmountError(t('register.amountInvalid'));
    const { agreements } = await writer.numbers();
    // Signed today: the time of saving, so the agreement sorts after the session it came from.
    const signed = signedAt === localToday() ? new Date().toISOString() : isoOfLocal(signedAt);
    await step.run((current, actor) =>
      recordAgreement(current, { facts, terms, performance, performBy: performBy ? isoOfLocal(performBy) : undefined, amount: text ? Number(text) : undefined, signedAt: signed }, actor, agreements),
    );
  }

  return (
    <form className="med-subform" onSubmit={(e) => void submit(e)} aria-label={t('outcome.record')} noValidate>
      <fieldset className="med-radios">
        <legend>{t('outcome.title')}</legend>
        {(['agreement', 'noAgreement', 'terminated', 'referred'] as const).map((k) => (
          <label key={k} className="med-check">
            <input type="radio" name="outcome" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`outcome.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'agreement' ? (
        <div className="med-grid">
          <FormField label={t('agreement.facts')} error={step.fields.facts} wide><textarea rows={3} value={facts} onChange={(e) => setFacts(e.target.value)} /></FormField>
          <FormField label={t('agreement.terms')} error={step.fields.terms} wide><textarea rows={4} value={terms} onChange={(e) => { setTerms(e.target.value); setTermsEdited(true); }} /></FormField>
          <FormField label={t('agreement.performance')} error={step.fields.performance} wide><textarea rows={2} value={performance} onChange={(e) => setPerformance(e.target.value)} /></FormField>
          <FormField label={t('agreement.amount')} error={amountError ?? step.fields.amount}><input inputMode="decimal" value={amount} onChange={(e) => changeAmount(e.target.value)} /></FormField>
          <FormField label={t('agreement.performBy')}><input type="date" value={performBy} onChange={(e) => setPerformBy(e.target.value)} /></FormField>
          <FormField label={t('agreement.signedAt')}><input type="date" value={signedAt} onChange={(e) => setSignedAt(e.target.value)} /></FormField>
        </div>
      ) : (
        <FormField label={t('outcome.reason')} error={step.fields.reason} wide><textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} /></FormField>
      )}
      <StepMessage error={step.error} />
      <div className="med-actions">
        <button type="submit" className="med-button med-button--primary" disabled={step.busy}>{kind === 'agreement' ? t('agreement.record') : t('outcome.record')}</button>
      </div>
    </form>
  );
}
