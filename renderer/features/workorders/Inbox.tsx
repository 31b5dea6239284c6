/**
 * 工单 inbox: one tab per thing to do (待立案, 待派遣, 处置中, 待核查, 已上报, 超期 …) with live
 * counts, search and filters, overdue orders first, the current list exportable to Excel.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_MAJOR_CATEGORIES, TICKET_SOURCES, TICKET_STATES, type TicketDoc } from '../../../core/schema';
import { useDatabase } from '../../data/session';
import { DataTable, type Column } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime } from '../../ui/formatDate';
import { Screen } from '../../ui/Screen';
import { Tag } from '../../ui/Tag';
import { Countdown } from './Countdown';
import { BUCKETS, hasFilters, inboxListKey, listSelector, type Bucket, type InboxFilters } from './inboxQuery';
import { STATE_TONE } from './stateTone';
import { useBucketCount, useInboxRows } from './useInbox';
import { hrefOfView } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import { useNames } from '../../data/names';
import { useNow } from '../../data/useNow';

function BucketTab({ bucket, active, onPick, unit, nowIso }: { bucket: Bucket; active: boolean; onPick: () => void; unit: string; nowIso: string }) {
  const { t } = useTranslation(['workorders', 'app']);
  const db = useDatabase();
  const count = useBucketCount(db.tickets, bucket, unit, nowIso);
  const label = bucket === 'escalated' || bucket === 'overdue' || bucket === 'all' ? t(`workorders:inbox.${bucket}`) : t(`app:workorders.states.${bucket}`);
  return (
    <button type="button" role="tab" aria-selected={active} className={`wo-tab${bucket === 'overdue' && count ? ' wo-tab--alert' : ''}`} onClick={onPick}>
      <span>{label}</span>
      <span className="wo-tab__count" aria-label={`${label} ${count ?? ''}`}>{count ?? '…'}</span>
    </button>
  );
}

export function Inbox() {
  const { t } = useTranslation(['workorders', 'app']);
  const db = useDatabase();
  const session = useWorkorderSession();
  const names = useNames();
  const now = useNow();
  // Queries are keyed by the minute so a list does not re-run on every render.
  const nowIso = useMemo(() => new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString(), [now]);
  const [bucket, setBucket] = useState<Bucket>('all');
  const [filters, setFilters] = useState<InboxFilters>({});
  const [exporting, setExporting] = useState(false);
  const unit = session.actor.unit;
  const { rows, total } = useInboxRows(db.tickets, bucket, unit, nowIso, filters);
  const listKey = inboxListKey(bucket, filters);
  const set = (change: Partial<InboxFilters>) => setFilters((f) => ({ ...f, ...change }));
  const topGrids = useMemo(() => names.grids.filter((g) => g.level <= 2).sort((a, b) => a.code.localeCompare(b.code)), [names.grids]);

  const exportList = async () => {
    setExporting(true);
    try {
      const docs = await db.tickets.find({ selector: listSelector(bucket, unit, nowIso, filters), sort: [{ reportedAt: 'desc' }] }).exec();
      const { workordersWorkbook } = await import('./exportXlsx');
      const buffer = await workordersWorkbook(docs.map((d) => d.toJSON() as TicketDoc), names);
      const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = t('workorders:export.fileName', { date: nowIso.slice(0, 10) });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setExporting(false);
    }
  };

  const columns: Column<TicketDoc>[] = [
    {
      key: 'number',
      header: t('workorders:fields.number'),
      cell: (r) => (
        <span className="wo-number">
          <a className="mono wo-link" href={hrefOfView({ view: 'order', id: r.id })}>{r.number}</a>
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
    { key: 'grid', header: t('workorders:fields.grid'), cell: (r) => names.grid(r.gridCode) },
    {
      key: 'state',
      header: t('workorders:fields.state'),
      cell: (r) => (
        <span className="wo-state">
          <Tag tone={STATE_TONE[r.state]}>{t(`app:workorders.states.${r.state}`)}</Tag>
          <Countdown ticket={r} now={now} calendar={session.calendar} />
        </span>
      ),
    },
    { key: 'holder', header: t('workorders:fields.holder'), cell: (r) => (r.holderCode === unit ? t('workorders:inbox.here') : names.unit(r.holderCode)) },
  ];

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
      <form className="wo-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <input type="search" className="wo-input wo-input--wide" placeholder={t('workorders:inbox.search')} aria-label={t('workorders:inbox.search')} value={filters.text ?? ''} onChange={(e) => set({ text: e.target.value })} />
        <select className="wo-input" aria-label={t('workorders:inbox.filters.state')} value={filters.state ?? ''} onChange={(e) => set({ state: (e.target.value || undefined) as InboxFilters['state'] })}>
          <option value="">{t('workorders:inbox.filters.state')}：{t('workorders:inbox.filters.any')}</option>
          {TICKET_STATES.map((s) => <option key={s} value={s}>{t(`app:workorders.states.${s}`)}</option>)}
        </select>
        <select className="wo-input" aria-label={t('workorders:inbox.filters.category')} value={filters.major ?? ''} onChange={(e) => set({ major: e.target.value || undefined })}>
          <option value="">{t('workorders:inbox.filters.category')}：{t('workorders:inbox.filters.any')}</option>
          {Object.entries(EVENT_MAJOR_CATEGORIES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
        </select>
        <select className="wo-input" aria-label={t('workorders:inbox.filters.grid')} value={filters.gridCode ?? ''} onChange={(e) => set({ gridCode: e.target.value || undefined })}>
          <option value="">{t('workorders:inbox.filters.grid')}：{t('workorders:inbox.filters.any')}</option>
          {topGrids.map((g) => <option key={g.code} value={g.code}>{g.level === 2 ? '\u3000' : ''}{g.name}</option>)}
        </select>
        <select className="wo-input" aria-label={t('workorders:inbox.filters.source')} value={filters.source ?? ''} onChange={(e) => set({ source: (e.target.value || undefined) as InboxFilters['source'] })}>
          <option value="">{t('workorders:inbox.filters.source')}：{t('workorders:inbox.filters.any')}</option>
          {TICKET_SOURCES.map((s) => <option key={s} value={s}>{t(`app:workorders.sources.${s}`)}</option>)}
        </select>
        <label className="wo-date">{t('workorders:inbox.filters.from')}<input type="date" className="wo-input" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} /></label>
        <label className="wo-date">{t('workorders:inbox.filters.to')}<input type="date" className="wo-input" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} /></label>
        {hasFilters(filters) ? <button type="button" className="wo-button wo-button--quiet" onClick={() => setFilters({})}>{t('workorders:inbox.filters.clear')}</button> : null}
      </form>
      {rows === undefined ? (
        <p className="loading" role="status">…</p>
      ) : (
        // data-list names the list the rows belong to: tests and the UI benchmark wait on it.
        <div data-list={listKey}>
          {rows.length === 0 ? (
            hasFilters(filters) || bucket !== 'all' ? <p className="wo-empty">{t('workorders:inbox.empty')}</p> : <EmptyState />
          ) : (
            <div className="panel">
              <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} label={t('workorders:inbox.title')} />
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
