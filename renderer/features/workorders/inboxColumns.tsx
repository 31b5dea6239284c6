/** The inbox table's columns: number and when, what (with its marks), grid, state with time left, who holds it. */
import { useTranslation } from 'react-i18next';
import type { TicketDoc } from '../../../core/schema';
import type { WorkdayCalendar } from '../../../core/workorders/workdayCalendar';
import type { NameBook } from '../../data/names';
import type { Column } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/formatDate';
import { Tag } from '../../ui/Tag';
import { Countdown } from './Countdown';
import { STATE_TONE } from './stateTone';
import { hrefOfView } from './useSubRoute';

export function useInboxColumns({ names, unit, now, calendar }: { names: NameBook; unit: string; now: Date; calendar: WorkdayCalendar }): Column<TicketDoc>[] {
  const { t } = useTranslation(['workorders', 'app']);
  return [
    {
      key: 'number',
      header: t('workorders:fields.number'),
      cell: (r) => (
        <span className="wo-number">
          {/* The row opens the order (click or Enter); the number stays a link for a new tab, without a second tab stop. */}
          <a className="mono wo-link" href={hrefOfView({ view: 'order', id: r.id })} tabIndex={-1}>{r.number}</a>
          <span className="wo-muted">{formatDateTime(r.reportedAt)} · {t(`app:workorders.sources.${r.source}`)}</span>
        </span>
      ),
    },
    {
      key: 'description',
      header: t('workorders:fields.description'),
      grow: true,
      cell: (r) => (
        <span className="wo-desc">
          {r.priority !== 'normal' ? <Tag tone="danger">{t(`workorders:priorities.${r.priority}`)}</Tag> : null}
          {r.supervised && r.state !== 'closed' ? <Tag tone="warn">{t('workorders:inbox.supervised')}</Tag> : null}
          {r.selfHandled ? <Tag tone="ok">{t('workorders:inbox.selfHandled')}</Tag> : null}
          <span>{r.description}</span>
        </span>
      ),
    },
    { key: 'grid', header: t('workorders:fields.grid'), wrapAt: '7.5em', cell: (r) => names.grid(r.gridCode) },
    {
      key: 'state',
      header: t('workorders:fields.state'),
      wrapAt: '6.5em',
      cell: (r) => (
        <span className="wo-state">
          <Tag tone={STATE_TONE[r.state]}>{t(`app:workorders.states.${r.state}`)}</Tag>
          <Countdown ticket={r} now={now} calendar={calendar} />
        </span>
      ),
    },
    { key: 'holder', header: t('workorders:fields.holder'), wrapAt: '6em', cell: (r) => (r.holderCode === unit ? t('workorders:inbox.here') : names.unit(r.holderCode)) },
  ];
}
