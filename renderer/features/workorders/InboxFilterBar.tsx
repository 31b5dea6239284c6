/** The inbox's search and filters: text, state, category, grid (towns and villages), source and reporting dates. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_MAJOR_CATEGORIES, TICKET_SOURCES, TICKET_STATES, type GridDoc } from '../../../core/schema';
import { hasFilters, type InboxFilters } from './inboxQuery';

export function InboxFilterBar({ filters, grids, onChange, onClear }: {
  filters: InboxFilters;
  /** All the station's grids; the filter offers towns and villages. */
  grids: readonly GridDoc[];
  onChange: (change: Partial<InboxFilters>) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation(['workorders', 'app']);
  const topGrids = useMemo(() => grids.filter((g) => g.level <= 2).sort((a, b) => a.code.localeCompare(b.code)), [grids]);
  return (
    <form className="wo-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <input type="search" className="wo-input wo-input--wide" placeholder={t('workorders:inbox.search')} aria-label={t('workorders:inbox.search')} value={filters.text ?? ''} onChange={(e) => onChange({ text: e.target.value })} />
      <select className="wo-input" aria-label={t('workorders:inbox.filters.state')} value={filters.state ?? ''} onChange={(e) => onChange({ state: (e.target.value || undefined) as InboxFilters['state'] })}>
        <option value="">{t('workorders:inbox.filters.state')}：{t('workorders:inbox.filters.any')}</option>
        {TICKET_STATES.map((s) => <option key={s} value={s}>{t(`app:workorders.states.${s}`)}</option>)}
      </select>
      <select className="wo-input" aria-label={t('workorders:inbox.filters.category')} value={filters.major ?? ''} onChange={(e) => onChange({ major: e.target.value || undefined })}>
        <option value="">{t('workorders:inbox.filters.category')}：{t('workorders:inbox.filters.any')}</option>
        {Object.entries(EVENT_MAJOR_CATEGORIES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
      </select>
      <select className="wo-input" aria-label={t('workorders:inbox.filters.grid')} value={filters.gridCode ?? ''} onChange={(e) => onChange({ gridCode: e.target.value || undefined })}>
        <option value="">{t('workorders:inbox.filters.grid')}：{t('workorders:inbox.filters.any')}</option>
        {topGrids.map((g) => <option key={g.code} value={g.code}>{g.level === 2 ? '\u3000' : ''}{g.name}</option>)}
      </select>
      <select className="wo-input" aria-label={t('workorders:inbox.filters.source')} value={filters.source ?? ''} onChange={(e) => onChange({ source: (e.target.value || undefined) as InboxFilters['source'] })}>
        <option value="">{t('workorders:inbox.filters.source')}：{t('workorders:inbox.filters.any')}</option>
        {TICKET_SOURCES.map((s) => <option key={s} value={s}>{t(`app:workorders.sources.${s}`)}</option>)}
      </select>
      <label className="wo-date">{t('workorders:inbox.filters.from')}<input type="date" className="wo-input" value={filters.from ?? ''} onChange={(e) => onChange({ from: e.target.value || undefined })} /></label>
      <label className="wo-date">{t('workorders:inbox.filters.to')}<input type="date" className="wo-input" value={filters.to ?? ''} onChange={(e) => onChange({ to: e.target.value || undefined })} /></label>
      {hasFilters(filters) ? <button type="button" className="wo-button wo-button--quiet" onClick={onClear}>{t('workorders:inbox.filters.clear')}</button> : null}
    </form>
  );
}
