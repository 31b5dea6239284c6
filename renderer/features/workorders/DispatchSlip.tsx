/**
 * 派遣单: the dispatch slip of an order as an A4 sheet, for the handler to take along and sign:
 * number, item, place and grid, the problem with its photos, the deadline, the dispatching and
 * the receiving unit by name, and lines for both signatures. The shell (toolbar, A4, print
 * rules) is renderer/ui/PrintSheet.tsx.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDoc, TicketDoc } from '../../../core/schema';
import { replayTicket } from '../../../core/workorders/projection';
import { useNames } from '../../data/names';
import { useDatabase } from '../../data/session';
import { useLive } from '../../data/useLive';
import { formatDateTime } from '../../ui/formatDate';
import { PrintSheet } from '../../ui/PrintSheet';
import { PhotoGallery } from './Photos';
import { hrefOfView } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import './dispatchSlip.css';

export function DispatchSlip({ id }: { id: string }) {
  const { t } = useTranslation(['workorders', 'app']);
  const db = useDatabase();
  const session = useWorkorderSession();
  const names = useNames();
  const ticketDoc = useLive(useMemo(() => db.tickets.findOne(id).$, [db, id]));
  const eventDocs = useLive(useMemo(() => db.events.find({ selector: { subjectId: id } }).$, [db, id]));
  const replay = useMemo(
    () => (ticketDoc && eventDocs ? replayTicket(ticketDoc.toJSON() as TicketDoc, eventDocs.map((e) => e.toJSON() as EventDoc)) : null),
    [ticketDoc, eventDocs],
  );

  useEffect(() => {
    if (replay) document.title = `${t('workorders:slip.title')} ${replay.ticket.number}`;
  }, [replay, t]);

  if (ticketDoc === null) return <p className="wo-error" role="alert">{t('workorders:detail.notFound', { id })}</p>;
  if (!replay) return <p className="loading" role="status">…</p>;
  const ticket = replay.ticket;
  const { dispatcherCode } = replay.loop.facts;
  const dispatch = [...replay.events].reverse().find(({ action, refusal }) => action === 'dispatch' && !refusal)?.event;
  const receiver = [names.assignee(ticket.assignee), ticket.departmentCode && ticket.departmentCode !== ticket.assignee ? names.department(ticket.departmentCode) : ''].filter(Boolean).join('，');
  const dispatcher = dispatcherCode ? names.unit(dispatcherCode) : '';
  const row = (label: string, value: ReactNode, wide = false) => (
    <div className={wide ? 'slip__row slip__row--wide' : 'slip__row'}>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );

  return (
    <PrintSheet
      label={t('workorders:slip.title')}
      back={{ href: hrefOfView({ view: 'order', id }), label: t('workorders:slip.back') }}
      hint={t('workorders:slip.hint')}
      printLabel={t('workorders:slip.print')}
      audit={{ target: id, detail: t('workorders:slip.title') }}
      className="slip"
    >
      <p className="slip__issuer">{dispatcher}</p>
      <h1>{t('workorders:slip.title')}</h1>
      <p className="slip__number">{t('workorders:fields.number')}：{ticket.number}</p>
      <dl className="slip__table">
        {row(t('workorders:fields.catalogItem'), names.catalog(ticket.catalogItemCode))}
        {row(t('workorders:fields.priority'), t(`workorders:priorities.${ticket.priority}`))}
        {row(t('workorders:fields.grid'), names.grid(ticket.gridCode))}
        {row(t('workorders:fields.address'), ticket.address)}
        {row(t('workorders:fields.reportedAt'), formatDateTime(ticket.reportedAt))}
        {row(t('workorders:fields.source'), t(`app:workorders.sources.${ticket.source}`))}
        {row(t('workorders:fields.description'), ticket.description, true)}
        {dispatch?.note ? row(t('workorders:slip.instructions'), dispatch.note, true) : null}
        {row(t('workorders:slip.dispatchedAt'), formatDateTime(ticket.dispatchedAt))}
        {row(t('workorders:fields.deadline'), formatDateTime(ticket.deadline))}
        {row(t('workorders:slip.dispatcher'), dispatcher)}
        {row(t('workorders:slip.receiver'), receiver)}
      </dl>
      <section className="slip__photos" aria-label={t('workorders:detail.photos')}>
        <h2>{t('workorders:detail.photos')}</h2>
        <PhotoGallery photoIds={ticket.photoIds} photos={session.photos} />
      </section>
      <section className="slip__signatures" aria-label={t('workorders:slip.signatures')}>
        {(['dispatcherSign', 'receiverSign'] as const).map((key) => (
          <div key={key} className="slip__sign">
            <p>{t(`workorders:slip.${key}`)}</p>
            <p className="slip__sign-line"><span>{t('workorders:slip.signName')}</span><span className="slip__blank" /></p>
            <p className="slip__sign-line"><span>{t('workorders:slip.signDate')}</span><span className="slip__blank" /></p>
          </div>
        ))}
      </section>
      <p className="slip__foot">{t('workorders:slip.foot', { holder: names.unit(ticket.holderCode) })}</p>
    </PrintSheet>
  );
}
