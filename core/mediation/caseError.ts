/**
 * Why a step on a case was refused, in Chinese for the clerk. `problem` names the rule for code
 * and tests; `fields` carries per-field messages of a refused form (path → message).
 */
import { t } from '../i18n';

export type CaseProblem =
  | 'invalidInput'
  | 'notOpen'
  | 'alreadyConcluded'
  | 'agreementWithoutSession'
  | 'reasonRequired'
  | 'extensionDays'
  | 'escalationTarget'
  | 'followUpWithoutOutcome'
  | 'archiveWithoutOutcome'
  | 'archiveWithoutFollowUp'
  | 'alreadyArchived'
  | 'courtWithoutAgreement'
  | 'courtTooLate'
  | 'courtBeforeAgreement'
  | 'courtNotApplied'
  | 'dateInFuture'
  | 'settleMismatch'
  | 'amendWithoutAgreement'
  | 'amendUnchanged'
  | 'takeoverNotEscalated'
  | 'takeoverNotTarget'
  | 'takeoverDone';

export class CaseError extends Error {
  override readonly name = 'CaseError';
  constructor(
    readonly problem: CaseProblem,
    params: Record<string, string | number> = {},
    readonly fields: Record<string, string> = {},
  ) {
    super(t(`mediation:problem.${problem}`, params));
  }
}
