import type { TicketState } from '../../../core/schema';
import type { Tone } from '../../ui/Tag';

/** How each state reads at a glance: waiting for this unit (warn), moving (info), done (ok). */
export const STATE_TONE: Record<TicketState, Tone> = {
  pendingFiling: 'warn',
  pendingDispatch: 'warn',
  handling: 'info',
  pendingVerification: 'info',
  closed: 'ok',
  voided: 'muted',
  longStanding: 'danger',
};
