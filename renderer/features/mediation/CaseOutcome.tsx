/**
 * 调解结果: an agreement (drafted from the case, reviewed as it will print, then signed and
 * numbered; amended later with a reason) or another outcome with its reason.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { amendAgreement, isOpen, recordAgreement, recordOutcome, rmbInFigures, rmbInWords, type OtherOutcome } from '../../../core/mediation';
import { keyOfId, type MediationCaseDoc } from '../../../core/schema';
import { formatDate, formatDateTime } from '../../ui/formatDate';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { AgreementEditor, initialTerms, type AgreementTerms } from './AgreementEditor';
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
  const [amending, setAmending] = useState(false);
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
            {(agreement.amendments ?? []).length > 0 ? (
              <div className="facts__row">
                <dt>{t('amend.history')}</dt>
                <dd>
                  <ul className="med-plain" aria-label={t('amend.history')}>
                    {(agreement.amendments ?? []).map((a, i) => <li key={i}>{t('amend.line', { at: formatDateTime(a.at), by: a.by ?? '', reason: a.reason })}</li>)}
                  </ul>
                </dd>
              </div>
            ) : null}
          </dl>
          {amending ? (
            <AmendForm doc={doc} onDone={() => setAmending(false)} />
          ) : (
            <div className="med-actions">
              {doc.state !== 'archived' ? <button type="button" className="med-button" onClick={() => setAmending(true)}>{t('amend.open')}</button> : null}
              <a className="med-button med-button--primary" href={hrefOfView({ view: 'agreement', key: keyOfId(doc.id) })}>{t('agreement.print')}</a>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}

/** 变更协议: the signed agreement's terms in the same editor, a reason, the review, then saved. */
function AmendForm({ doc, onDone }: { doc: MediationCaseDoc; onDone: () => void }) {
  const { t } = useTranslation('mediation');
  const step = useStep(doc.id);
  const writer = useCaseWriter();
  const [reason, setReason] = useState('');
  useUnsavedChanges(reason);
  const agreement = doc.agreement!;
  return (
    <div role="group" aria-label={t('amend.title')}>
      <h3>{t('amend.title')}</h3>
      <AgreementEditor
        doc={doc}
        initial={agreement}
        previewLabel={t('review.preview')}
        confirmLabel={t('amend.save')}
        busy={step.busy}
        error={<StepMessage error={step.error} />}
        fields={step.fields}
        extra={(errors) => (
          <FormField label={t('amend.reason')} error={errors.reason} wide><input value={reason} onChange={(e) => setReason(e.target.value)} /></FormField>
        )}
        dryRun={async (input) => amendAgreement(doc, input, reason, writer.actor).doc.agreement!}
        onConfirm={async (input) => {
          const ok = await step.run((current, actor) => amendAgreement(current, input, reason, actor));
          if (ok) onDone();
          return ok;
        }}
        onCancel={onDone}
      />
    </div>
  );
}

function OutcomeForm({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const writer = useCaseWriter();
  const step = useStep(doc.id);
  const [kind, setKind] = useState<Kind>('agreement');
  const [signedAt, setSignedAt] = useState(localToday);
  const [reason, setReason] = useState('');
  const [initial] = useState(() => initialTerms(doc));
  // A recorded outcome replaces this form with the outcome (and so clears it).
  useUnsavedChanges({ kind, signedAt, reason });

  // Signed today: the time of saving, so the agreement sorts after the session it came from.
  const signed = () => (signedAt === localToday() ? new Date().toISOString() : isoOfLocal(signedAt));

  async function submitOther(event: FormEvent) {
    event.preventDefault();
    if (kind !== 'agreement') await step.run((current, actor) => recordOutcome(current, kind, reason, actor));
  }

  async function sign(input: AgreementTerms): Promise<boolean> {
    const { agreements } = await writer.numbers();
    return step.run((current, actor) => recordAgreement(current, { ...input, signedAt: signed() }, actor, agreements));
  }

  return (
    <div className="med-outcome">
      <fieldset className="med-radios">
        <legend>{t('outcome.title')}</legend>
        {(['agreement', 'noAgreement', 'terminated', 'referred'] as const).map((k) => (
          <label key={k} className="med-check">
            <input type="radio" name="outcome" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`outcome.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'agreement' ? (
        <AgreementEditor
          doc={doc}
          initial={initial}
          previewLabel={t('review.preview')}
          confirmLabel={t('review.confirm')}
          busy={step.busy}
          error={<StepMessage error={step.error} />}
          fields={step.fields}
          extra={() => <FormField label={t('agreement.signedAt')}><input type="date" value={signedAt} onChange={(e) => setSignedAt(e.target.value)} /></FormField>}
          dryRun={async (input) => {
            const { agreements } = await writer.numbers();
            return recordAgreement(doc, { ...input, signedAt: signed() }, writer.actor, agreements).doc.agreement!;
          }}
          onConfirm={sign}
        />
      ) : (
        <form className="med-subform" onSubmit={(e) => void submitOther(e)} aria-label={t('outcome.record')} noValidate>
          <FormField label={t('outcome.reason')} error={step.fields.reason} wide><textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} /></FormField>
          <StepMessage error={step.error} />
          <div className="med-actions">
            <button type="submit" className="med-button med-button--primary" disabled={step.busy}>{t('outcome.record')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
