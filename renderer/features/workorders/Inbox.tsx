/**
 * 工单 inbox: one tab per thing to do (待立案, 待派遣, 处置中, 待核查, 已上报, 超期 …) with live
 * counts, search and filters, overdue orders first, the current list exportable to Excel.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDoc } from '../../../core/schema';
import { useAuditRecorder } from '../../data/audit';
import { useDatabase } from '../../data/session';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { exportFileName } from '../../ui/exportFileName';
import { Screen } from '../../ui/Screen';
import { BUCKETS, hasFilters, inboxListKey, listSelector, type Bucket, type InboxFilters } from './inboxQuery';
import { useInboxColumns } from './inboxColumns';
import { InboxFilterBar } from './InboxFilterBar';
import { useBucketCount, useInboxRows } from './useInbox';
import { hrefOfView } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import type { PickedOrders } from './pickedOrders';
import { useNames } from '../../data/names';
import { useNow } from '../../data/useNow';
import { useFirstSync } from '../../data/firstSync';

function BucketTab({ bucket, active, onPick, unit, nowIso }: { bucket: Bucket; active: boolean; onPick: () => void; unit: string; nowIso: string }) {
  const { t } = useTranslation(['workorders', 'app']);
  const db = useDatabase();
  // A 0 while the first sync is still bringing orders down is not known yet: '…', not 0.
  const syncing = useFirstSync() !== null;
  const counted = useBucketCount(db.tickets, bucket, unit, nowIso);
  const count = counted === 0 && syncing ? undefined : counted;
  const label = bucket === 'escalated' || bucket === 'overdue' || bucket === 'all' ? t(`workorders:inbox.${bucket}`) : t(`app:workorders.states.${bucket}`);
  return (
    <button type="button" role="tab" aria-selected={active} className={`wo-tab${bucket === 'overdue' && count ? ' wo-tab--alert' : ''}`} onClick={onPick}>
      <span>{label}</span>
      <span className="wo-tab__count" aria-label={`${label} ${count ?? ''}`}>{count ?? '…'}</span>
    </button>
  );
}

/** The inbox; `picked`: opened from a number on 统计, listing exactly those orders. */
export function Inbox({ picked }: { picked?: PickedOrders } = {}) {
  const { t } = useTranslation(['workorders', 'app', 'stats']);
  const db = useDatabase();
  const session = useWorkorderSession();
  const names = useNames();
  const now = useNow();
  // Queries are keyed by the minute so a list does not re-run on every render.
  const nowIso = useMemo(() => new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString(), [now]);
  const [bucket, setBucket] = useState<Bucket>('all');
  const [filters, setFilters] = useState<InboxFilters>(picked ? { ids: picked.ids } : {});
  const [exporting, setExporting] = useState(false);
  const recordAudit = useAuditRecorder();
  const unit = session.actor.unit;
  const { rows, total } = useInboxRows(db.tickets, bucket, unit, nowIso, filters);
  const listKey = inboxListKey(bucket, filters);
  const set = (change: Partial<InboxFilters>) => setFilters((f) => ({ ...f, ...change }));

  const exportList = async () => {
    setExporting(true);
    try {
      const docs = await db.tickets.find({ selector: listSelector(bucket, unit, nowIso, filters), sort: [{ reportedAt: 'desc' }] }).exec();
      const { workordersWorkbook } = await import('./exportXlsx');
      const buffer = await workordersWorkbook(docs.map((d) => d.toJSON() as TicketDoc), names);
      const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const link = document.createElement('a');
      link.href = url;
      const fileName = exportFileName(t('workorders:exportName.list'));
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      await recordAudit({ action: 'export', target: fileName, detail: `${t('workorders:inbox.title')} ${listKey} (${docs.length})` });
    } finally {
      setExporting(false);
    }
  };

  const columns = useInboxColumns({ names, unit, now, calendar: session.calendar });

  return (
    <Screen
      title={t('workorders:inbox.title')}
      purpose={t('app:purpose.workorders')}
      aside={
        <div className="wo-toolbar">
          <a className="wo-button" href={hrefOfView({ view: 'map' })}>{t('workorders:inbox.map')}</a>
          <button type="button" className="wo-button" onClick={() => void exportList()} disabled={exporting || !rows?.length}>
            {exporting ? t('workorders:inbox.exporting') : t('workorders:inbox.export')}
          </button>
          <a className="wo-button wo-button--primary" href={hrefOfView({ view: 'new' })}>{t('workorders:inbox.new')}</a>
        </div>
      }
    >
      <div className="wo-tabs" role="tablist" aria-label={t('workorders:inbox.title')}>
        {BUCKETS.map((b) => (
          <BucketTab key={b} bucket={b} active={b === bucket} onPick={() => setBucket(b)} unit={unit} nowIso={nowIso} />
        ))}
      </div>
      {picked && filters.ids ? (
        <p className="wo-picked" role="status">
          {t('stats:drill.banner', { label: picked.label, count: picked.ids.length })}
          <a className="wo-button wo-button--quiet" href={hrefOfView({ view: 'inbox' })}>{t('stats:drill.clear')}</a>
        </p>
      ) : null}
      <InboxFilterBar filters={filters} grids={names.grids} onChange={set} onClear={() => setFilters({})} />
      {rows === undefined ? (
        <p className="loading" role="status">…</p>
      ) : (
        // data-list names the list the rows belong to: tests and the UI benchmark wait on it.
        <div data-list={listKey}>
          {rows.length === 0 ? (
            hasFilters(filters) || bucket !== 'all' ? <p className="wo-empty">{t('workorders:inbox.empty')}</p> : <EmptyState />
          ) : (
            <div className="panel wo-inbox">
              <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} label={t('workorders:inbox.title')} rowHref={(r) => hrefOfView({ view: 'order', id: r.id })} />
              <p className="panel__foot">
                {total !== undefined && total > rows.length ? t('workorders:inbox.showing', { count: total, shown: rows.length }) : t('workorders:inbox.count', { count: total ?? rows.length })}
              </p>
            </div>
          )}
        </div>
      )}
    </Screen>
  );
}
