/**
 * The wording of an agreement (调解协议书): a first draft of its sections from the case, and the
 * amount written in Chinese capital numerals as legal documents require (捌拾万元整).
 */
import dayjs from 'dayjs';
import { t } from '../i18n';
import type { MediationCaseDoc } from '../schema';
import type { AgreementInput, PaymentMethod } from './lifecycle';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Up to four digits (0–9999) in capital numerals, with 零 for inner gaps. */
function fourDigits(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const digit = Math.floor(n / 10 ** i) % 10;
    if (digit === 0) {
      zero = out.length > 0;
    } else {
      if (zero) out += '零';
      out += DIGITS[digit] + SMALL_UNITS[i];
      zero = false;
    }
  }
  return out;
}

/** 800000 → 人民币捌拾万元整; 1234.5 → 人民币壹仟贰佰叁拾肆元伍角. */
export function rmbInWords(amount: number): string {
  const fen = Math.round(amount * 100);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let words = '';
  if (yuan === 0) words = '零';
  else {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g];
      if (group === 0) {
        if (words && !words.endsWith('零')) words += '零';
        continue;
      }
      if (words && group < 1000 && !words.endsWith('零')) words += '零';
      words += fourDigits(group) + BIG_UNITS[g];
    }
    words = words.replace(/零+$/, '');
  }
  words += '元';
  if (jiao === 0 && cent === 0) return `人民币${words}整`;
  if (jiao > 0) words += DIGITS[jiao] + '角';
  else if (yuan > 0) words += '零';
  if (cent > 0) words += DIGITS[cent] + '分';
  return `人民币${words}`;
}

/** Amount as figures: 800000 → 800,000.00 */
export function rmbInFigures(amount: number): string {
  return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

export interface DraftTerms {
  amount?: number;
  /** ISO timestamp of the due date; default fifteen days from today. */
  performBy?: string;
  /** Names of who pays whom; default the first respondent pays the first applicant. */
  payer?: string;
  payee?: string;
  method?: PaymentMethod;
}

/** The parties' names a payer or payee is picked from. */
export function partyNames(doc: Pick<MediationCaseDoc, 'parties'>, side?: 'applicant' | 'respondent'): string[] {
  return doc.parties.filter((p) => !side || p.side === side).map((p) => p.name);
}

/**
 * A first draft of the agreement's sections for the clerk to review before signing: who pays
 * whom, how much (in capitals and figures), by when and how, from the fields the review shows.
 */
export function draftAgreement(doc: MediationCaseDoc, terms: DraftTerms = {}): Omit<AgreementInput, 'signedAt'> {
  const payer = terms.payer ?? partyNames(doc, 'respondent')[0] ?? '';
  const payee = terms.payee ?? partyNames(doc, 'applicant')[0] ?? '';
  const method: PaymentMethod = terms.method ?? 'bankTransfer';
  // Fifteen days is the usual time given to pay; the clerk changes it in the review.
  const due = terms.performBy ?? dayjs().add(15, 'day').endOf('day').toISOString();
  const by = dayjs(due).format('YYYY年M月D日');
  const amount = terms.amount;
  const paying = amount !== undefined && amount > 0;
  return {
    facts: doc.summary,
    terms: paying
      ? t('mediation:agreement.draftTermsAmount', { payer, payee, words: rmbInWords(amount), figures: rmbInFigures(amount), by })
      : t('mediation:agreement.draftTerms'),
    performance: paying
      ? t('mediation:agreement.draftPerformanceMethod', { method: t(`mediation:review.methods.${method}`), by })
      : t('mediation:agreement.draftPerformanceNone', { by }),
    ...(amount !== undefined ? { amount } : {}),
    performBy: due,
    ...(paying ? { payer, payee, method } : {}),
  };
}
