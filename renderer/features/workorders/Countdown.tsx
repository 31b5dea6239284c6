/** An order's clock in working hours: 剩 5 工作小时, 超期 2 个工作日 3 小时, 按期结案 … */
import { useTranslation } from 'react-i18next';
import type { TicketDoc } from '../../../core/schema';
import { countdownOf, type WorkdayCalendar } from '../../../core/workorders/workdayCalendar';
import { Tag, type Tone } from '../../ui/Tag';

/** A working day for display: the default calendar's office day. */
const HOURS_PER_DAY = 8;

export function useDuration(): (hours: number) => string {
  const { t } = useTranslation('workorders');
  return (hours) => {
    const whole = Math.max(0, Math.round(hours));
    if (whole < HOURS_PER_DAY) return t('countdown.hours', { count: Math.max(1, whole) });
    return t('countdown.daysHours', { days: Math.floor(whole / HOURS_PER_DAY), hours: whole % HOURS_PER_DAY });
  };
}

export function Countdown({ ticket, now, calendar }: { ticket: Pick<TicketDoc, 'deadline' | 'state' | 'onTime'>; now: Date; calendar: WorkdayCalendar }) {
  const { t } = useTranslation('workorders');
  const duration = useDuration();
  const clock = countdownOf(ticket, now, calendar);
  const tone: Tone = clock.kind === 'overdue' || clock.kind === 'closedLate' ? 'danger' : clock.kind === 'left' ? (clock.hours <= 4 ? 'warn' : 'info') : clock.kind === 'none' ? 'muted' : 'ok';
  const text = clock.kind === 'left' || clock.kind === 'overdue' ? t(`countdown.${clock.kind}`, { time: duration(clock.hours) }) : t(`countdown.${clock.kind}`);
  return <Tag tone={tone}>{text}</Tag>;
}
