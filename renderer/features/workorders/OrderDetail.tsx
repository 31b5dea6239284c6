/**
 * One order: what it is, where it stands (holder, clock, facts from its events), the steps this
 * unit may take now, its photos and the timeline of every event, ineffective ones marked.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDoc, TicketDoc } from '../../../core/schema';
import { replayTicket } from '../../../core/workorders/projection';
import { availableActions, type WorkorderAction } from '../../../core/workorders/stateMachine';
import { useDatabase } from '../../data/session';
import { useLive } from '../../data/useLive';
import { formatDateTime } from '../../ui/formatDate';
import { Screen } from '../../ui/Screen';
import { Tag } from '../../ui/Tag';
import { RevealValue } from '../../ui/RevealValue';
import { maskPhone } from '../../../core/personalData';
import { onReveal } from '../../data/personalDataAccess';
import { ActionForm } from './ActionForm';
import { Countdown } from './Countdown';
import { PhotoGallery } from './Photos';
import { STATE_TONE } from './stateTone';
import { MissingOrder } from './MissingOrder';
import { useServerFetch } from './useServerFetch';
import { ticketEventIdPrefix } from '../../../core/conflicts/policies';
import { hrefOfView } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import { useNames } from '../../data/names';
import { useNow } from '../../data/useNow';

export function OrderDetail({ id }: { id: string }) {
  const { t } = useTranslation(['workorders', 'app']);
  const db = useDatabase();
  const session = useWorkorderSession();
  const names = useNames();
  const now = useNow();
  const ticket$ = useMemo(() => db.tickets.findOne(id).$, [db, id]);
  const events$ = useMemo(() => db.events.find({ selector: { subjectId: id } }).$, [db, id]);
  const ticketDoc = useLive(ticket$);
  const eventDocs = useLive(events$);
  const [open, setOpen] = useState<WorkorderAction | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const replay = useMemo(() => {
    if (!ticketDoc || !eventDocs) return null;
    return replayTicket(ticketDoc.toJSON() as TicketDoc, eventDocs.map((e) => e.toJSON() as EventDoc));
  }, [ticketDoc, eventDocs]);
  // Without its report, the history's start was left on the server by the sync window (or is
  // still on its way): asked for once per opening.
  const historyCut = Boolean(eventDocs && ticketDoc) && !(eventDocs ?? []).some((e) => e.type === 'ticketEvent' && e.action === 'report');
  const earlierRequest = useMemo(() => (historyCut ? { idPrefix: ticketEventIdPrefix(id) } : null), [historyCut, id]);
  const earlier = useServerFetch(earlierRequest);

  if (ticketDoc === null) return <MissingOrder id={id} />;
  if (!replay) return <p className="loading" role="status">…</p>;
  const ticket = replay.ticket;
  const { facts } = replay.loop;
  const actions = availableActions(replay.loop, session.actor.unit, now.toISOString());
  const field = (label: string, value: ReactNode) => (
    <div className="facts__row"><dt>{label}</dt><dd>{value || t('app:list.notSet')}</dd></div>
  );

  return (
    <Screen
      title={`${t('workorders:title')} ${ticket.number}`}
      purpose={ticket.description}
      aside={
        <div className="wo-toolbar">
          {facts.dispatcherCode ? <a className="wo-button" href={hrefOfView({ view: 'slip', id })}>{t('workorders:slip.open')}</a> : null}
          <a className="wo-button" href={hrefOfView({ view: 'inbox' })}>← {t('workorders:detail.back')}</a>
        </div>
      }
    >
      <div className="wo-detail">
        <section className="panel panel--padded wo-detail__main" aria-label={t('workorders:fields.state')}>
          <div className="wo-status">
            <Tag tone={STATE_TONE[ticket.state]}>{t(`app:workorders.states.${ticket.state}`)}</Tag>
            <Countdown ticket={ticket} now={now} calendar={session.calendar} />
            {ticket.supervised && ticket.state !== 'closed' ? <Tag tone="warn">{t('workorders:inbox.supervised')}</Tag> : null}
            {facts.verified && ticket.state === 'pendingVerification' ? <Tag tone="ok">{t('workorders:detail.facts.verified')}</Tag> : null}
            {facts.pendingExtension ? <Tag tone="warn">{t('workorders:detail.facts.pendingExtension', { hours: facts.pendingExtension.hours })}</Tag> : null}
            {facts.reworkCount > 0 ? <Tag tone="danger">{t('workorders:detail.facts.rework', { count: facts.reworkCount })}</Tag> : null}
            {ticket.holderCode !== session.actor.unit && ticket.state !== 'closed' && ticket.state !== 'voided' ? <Tag tone="info">{t('workorders:detail.facts.escalatedTo', { unit: names.unit(ticket.holderCode) })}</Tag> : null}
          </div>
          <dl className="facts">
            {field(t('workorders:fields.catalogItem'), names.catalog(ticket.catalogItemCode))}
            {field(t('workorders:fields.department'), names.department(ticket.departmentCode))}
            {facts.jointDepartments.length > 1 ? field(t('workorders:fields.departments'), facts.jointDepartments.map(names.department).join('、')) : null}
            {field(t('workorders:fields.grid'), names.grid(ticket.gridCode))}
            {field(t('workorders:fields.address'), ticket.address)}
            {field(t('workorders:fields.source'), t(`app:workorders.sources.${ticket.source}`))}
            {field(t('workorders:fields.priority'), t(`workorders:priorities.${ticket.priority}`))}
            {field(
              t('workorders:fields.reporterName'),
              ticket.reporterName || ticket.reporterPhone ? (
                <>
                  {ticket.reporterName ?? ''}{' '}
                  <RevealValue value={ticket.reporterPhone ?? ''} masked={maskPhone(ticket.reporterPhone)} what={t('workorders:fields.reporterPhone')} onShow={() => onReveal('reporterPhone', ticket.id)} />
                </>
              ) : null,
            )}
            {field(t('workorders:fields.holder'), names.unit(ticket.holderCode))}
            {field(t('workorders:fields.assignee'), names.assignee(ticket.assignee))}
            {field(t('workorders:fields.reportedAt'), formatDateTime(ticket.reportedAt))}
            {field(t('workorders:fields.deadline'), formatDateTime(ticket.deadline))}
            {ticket.closedAt ? field(t('workorders:fields.closedAt'), `${formatDateTime(ticket.closedAt)}（${t(`workorders:onTime.${ticket.onTime === false ? 'no' : 'yes'}`)}）`) : null}
            {facts.satisfaction ? field(t('workorders:fields.satisfaction'), t(`workorders:satisfaction.${facts.satisfaction}`)) : null}
          </dl>
          <h2 className="panel__title">{t('workorders:detail.photos')}</h2>
          <PhotoGallery photoIds={ticket.photoIds} photos={session.photos} />
        </section>
        <aside className="wo-detail__side">
          <section className="panel panel--padded" aria-label={t('workorders:detail.actions')}>
            <h2 className="panel__title">{t('workorders:detail.actions')}</h2>
            {done ? <p className="wo-done" role="status">{done}</p> : null}
            {actions.length === 0 ? <p className="wo-muted">{t('workorders:detail.noActions', { holder: names.unit(ticket.holderCode) })}</p> : null}
            {open ? (
              <ActionForm
                key={open}
                action={open}
                ticket={ticket}
                pendingHours={facts.pendingExtension?.hours}
                onCancel={() => setOpen(null)}
                onDone={(message) => { setOpen(null); setDone(message); }}
              />
            ) : (
              <div className="wo-action-buttons">
                {actions.map((action) => (
                  <button key={action} type="button" className={`wo-button${['dispatch', 'file', 'close', 'feedback', 'verify'].includes(action) ? ' wo-button--primary' : ''}`} onClick={() => { setDone(null); setOpen(action); }}>
                    {t(`workorders:actions.${action}`)}
                  </button>
                ))}
              </div>
            )}
          </section>
          <section className="panel panel--padded" aria-label={t('workorders:detail.timeline')}>
            <h2 className="panel__title">{t('workorders:detail.timeline')}</h2>
            {earlier.state === 'fetching' ? <p className="loading" role="status">{t('workorders:detail.fetchingEarlier')}</p> : null}
            {earlier.state === 'offline' ? <p className="wo-muted" role="status">{t('workorders:detail.earlierOffline')}</p> : null}
            <ol className="wo-timeline">
              {[...replay.events].reverse().map(({ event, action, refusal }) => (
                <li key={event.id} className={refusal ? 'wo-timeline__item wo-timeline__item--void' : 'wo-timeline__item'}>
                  <div className="wo-timeline__head">
                    <strong>{action ? t(`workorders:actions.${action}`) : event.action}{event.action === 'verify' ? `（${(event.payload as { passed?: boolean } | undefined)?.passed === false ? t('workorders:detail.failed') : t('workorders:detail.passed')}）` : ''}</strong>
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                  </div>
                  <div className="wo-muted">{[names.unit(event.byUnit), names.author(event)].filter((v, i, all) => v && all.indexOf(v) === i).join(' · ')}</div>
                  {event.note ? <p className="wo-timeline__note">{event.note}</p> : null}
                  {(event.photoIds?.length ?? 0) > 0 ? <PhotoGallery photoIds={event.photoIds ?? []} photos={session.photos} /> : null}
                  {refusal ? <p className="wo-error">{t('workorders:detail.ineffective', { reason: refusal.message })}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </Screen>
  );
}
