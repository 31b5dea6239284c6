/**
 * The agreement's terms as a form, then its review: who pays whom, how much, by when and how are
 * fields (the wording of the terms follows them until the clerk edits it), and nothing is signed
 * or amended until the final text has been shown as it will print and confirmed. Used to sign
 * an agreement and to amend a signed one (with its reason).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError, draftAgreement, parseAmount, partyNames, type Agreement, type AgreementInput, type PaymentMethod } from '../../../core/mediation';
import { PAYMENT_METHODS, type MediationCaseDoc } from '../../../core/schema';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { AgreementSheet } from './AgreementPrint';
import { FormField } from './FormField';
import { useCommittee } from './PrintSheet';
import { isoOfLocal } from './useStep';

export type AgreementTerms = Omit<AgreementInput, 'signedAt'>;

export interface EditorResult {
  input: AgreementTerms;
  /** The agreement as it will be stored (number included), from a dry run of the step. */
  agreement: Agreement;
}

export function AgreementEditor({ doc, initial, extra, confirmLabel, previewLabel, busy, error, fields, dryRun, onConfirm, onCancel }: {
  doc: MediationCaseDoc;
  /** Values to start from: a draft from the case, or the signed agreement being amended. */
  initial: AgreementTerms;
  /** More fields under the terms (signing date, or the amendment's reason), given the field messages. */
  extra?: (errors: Record<string, string>) => ReactNode;
  previewLabel: string;
  confirmLabel: string;
  busy: boolean;
  error: ReactNode;
  fields: Record<string, string>;
  /** The step run without storing: the agreement it would store, or a CaseError with field messages. */
  dryRun: (input: AgreementTerms) => Promise<Agreement>;
  onConfirm: (input: AgreementTerms) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('mediation');
  const committee = useCommittee(doc);
  const [facts, setFacts] = useState(initial.facts);
  // Who pays defaults to the first respondent, paid to the first applicant, also when the draft
  // had no amount yet (the clerk types one in the review).
  const [payer, setPayer] = useState(initial.payer ?? partyNames(doc, 'respondent')[0] ?? '');
  const [payee, setPayee] = useState(initial.payee ?? partyNames(doc, 'applicant')[0] ?? '');
  const [amount, setAmount] = useState(initial.amount !== undefined ? String(initial.amount) : '');
  const [performBy, setPerformBy] = useState(initial.performBy ? localDate(initial.performBy) : '');
  const [method, setMethod] = useState<PaymentMethod>(initial.method ?? 'bankTransfer');
  const [terms, setTerms] = useState(initial.terms);
  const [performance, setPerformance] = useState(initial.performance);
  const [wordingEdited, setWordingEdited] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [review, setReview] = useState<EditorResult | null>(null);
  const reviewRef = useRef<HTMLDivElement>(null);
  // The review opens where the form began, not scrolled to wherever the preview button was.
  useEffect(() => {
    if (review) reviewRef.current?.scrollIntoView({ block: 'start' });
  }, [review]);
  useUnsavedChanges({ facts, payer, payee, amount, performBy, method, terms, performance });
  const names = partyNames(doc);

  /** The wording drafted from the fields (terms and performance), as the fields now stand. */
  function redraft(patch: { payer?: string; payee?: string; amount?: string; performBy?: string; method?: PaymentMethod }) {
    const next = { payer, payee, amount, performBy, method, ...patch };
    const parsed = parseAmount(next.amount);
    const draft = draftAgreement(doc, {
      amount: parsed.ok ? parsed.amount : undefined,
      payer: next.payer,
      payee: next.payee,
      method: next.method,
      ...(next.performBy ? { performBy: isoOfLocal(next.performBy) } : {}),
    });
    return draft;
  }

  function change(patch: { payer?: string; payee?: string; amount?: string; performBy?: string; method?: PaymentMethod }) {
    if (patch.payer !== undefined) setPayer(patch.payer);
    if (patch.payee !== undefined) setPayee(patch.payee);
    if (patch.amount !== undefined) setAmount(patch.amount);
    if (patch.performBy !== undefined) setPerformBy(patch.performBy);
    if (patch.method !== undefined) setMethod(patch.method);
    // Until the clerk rewrites the wording, it follows the fields.
    if (!wordingEdited) {
      const draft = redraft(patch);
      setTerms(draft.terms);
      setPerformance(draft.performance);
    }
  }

  function regenerate() {
    const draft = redraft({});
    setTerms(draft.terms);
    setPerformance(draft.performance);
    setWordingEdited(false);
  }

  function input(): AgreementTerms | null {
    const parsed = parseAmount(amount);
    if (!parsed.ok) {
      setLocalErrors({ amount: parsed.message });
      return null;
    }
    const paying = parsed.amount !== undefined && parsed.amount > 0;
    if (paying && !payer) {
      setLocalErrors({ payer: t('review.payerRequired') });
      return null;
    }
    setLocalErrors({});
    return {
      facts,
      terms,
      performance,
      ...(parsed.amount !== undefined ? { amount: parsed.amount } : {}),
      ...(performBy ? { performBy: isoOfLocal(performBy) } : {}),
      ...(paying ? { payer, payee, method } : {}),
    };
  }

  async function preview(event: FormEvent) {
    event.preventDefault();
    const checked = input();
    if (!checked) return;
    try {
      setReview({ input: checked, agreement: await dryRun(checked) });
    } catch (thrown) {
      if (thrown instanceof CaseError) setLocalErrors({ ...thrown.fields, ...(Object.keys(thrown.fields).length === 0 ? { form: thrown.message } : {}) });
      else setLocalErrors({ form: thrown instanceof Error ? thrown.message : String(thrown) });
    }
  }

  async function confirm() {
    if (!review) return;
    if (await onConfirm(review.input)) setReview(null);
  }

  const shown = { ...fields, ...localErrors };
  if (review) {
    return (
      <div className="med-review" role="region" aria-label={t('review.title')} ref={reviewRef}>
        <h3>{t('review.title')}</h3>
        <p className="med-banner med-banner--info">{t('review.hint')}</p>
        <div className="med-review__sheet">
          <AgreementSheet doc={doc} agreement={review.agreement} committee={committee} />
        </div>
        {error}
        <div className="med-actions">
          <button type="button" className="med-button" onClick={() => setReview(null)} disabled={busy}>{t('review.back')}</button>
          <button type="button" className="med-button med-button--primary" onClick={() => void confirm()} disabled={busy}>{confirmLabel}</button>
        </div>
      </div>
    );
  }

  const paying = (() => {
    const parsed = parseAmount(amount);
    return parsed.ok && parsed.amount !== undefined && parsed.amount > 0;
  })();
  return (
    <form className="med-subform" onSubmit={(e) => void preview(e)} aria-label={previewLabel} noValidate>
      <div className="med-grid med-grid--terms">
        <FormField label={t('review.amount')} error={shown.amount}><input inputMode="decimal" value={amount} onChange={(e) => change({ amount: e.target.value })} /></FormField>
        <FormField label={t('review.performBy')} error={shown.performBy}><input type="date" value={performBy} onChange={(e) => change({ performBy: e.target.value })} /></FormField>
        <FormField label={t('review.payer')} error={shown.payer}>
          <select value={payer} disabled={!paying} onChange={(e) => change({ payer: e.target.value })}>
            <option value="">{t('register.choose')}</option>
            {names.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </FormField>
        <FormField label={t('review.payee')}>
          <select value={payee} disabled={!paying} onChange={(e) => change({ payee: e.target.value })}>
            <option value="">{t('register.choose')}</option>
            {names.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </FormField>
        <FormField label={t('review.method')}>
          <select value={method} disabled={!paying} onChange={(e) => change({ method: e.target.value as PaymentMethod })}>
            {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{t(`review.methods.${m}`)}</option>)}
          </select>
        </FormField>
        {extra?.(shown)}
        <FormField label={t('agreement.facts')} error={shown.facts} wide><textarea rows={3} value={facts} onChange={(e) => setFacts(e.target.value)} /></FormField>
        <FormField label={t('agreement.terms')} error={shown.terms} wide><textarea rows={4} value={terms} onChange={(e) => { setTerms(e.target.value); setWordingEdited(true); }} /></FormField>
        <FormField label={t('agreement.performance')} error={shown.performance} wide><textarea rows={2} value={performance} onChange={(e) => { setPerformance(e.target.value); setWordingEdited(true); }} /></FormField>
      </div>
      {shown.form ? <p className="med-banner med-banner--error" role="alert">{shown.form}</p> : null}
      {error}
      <div className="med-actions">
        {wordingEdited ? <button type="button" className="med-button med-button--quiet" onClick={regenerate}>{t('review.regenerate')}</button> : null}
        {onCancel ? <button type="button" className="med-button med-button--quiet" onClick={onCancel}>{t('amend.cancel')}</button> : null}
        <button type="submit" className="med-button med-button--primary" disabled={busy}>{previewLabel}</button>
      </div>
    </form>
  );
}

/** `<input type="date">` value of an ISO timestamp, in local time. */
function localDate(iso: string): string {
  const d = new Date(iso);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

/** The form's first values for a new agreement: drafted from the case. */
export function initialTerms(doc: MediationCaseDoc): AgreementTerms {
  return draftAgreement(doc, { amount: doc.amountInvolved });
}
