/** The component list beside the map: the search and filter bar, and the matching components as a table. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPONENT_MAJOR_CATEGORIES, COMPONENT_STATUSES, type ComponentDoc, type ComponentMajorCode, type ComponentStatus } from '../../../core/schema';
import { Tag, type Tone } from '../../ui/Tag';

const STATUS_TONE: Record<ComponentStatus, Tone> = { intact: 'ok', damaged: 'warn', missing: 'danger', abandoned: 'muted', removed: 'muted' };
/** Rows per page: a town's few hundred components page through, a village's fit on one. */
export const PAGE_SIZE = 100;
const MAJORS = Object.keys(COMPONENT_MAJOR_CATEGORIES) as ComponentMajorCode[];

export function ComponentFilters({ query, major, status, onQuery, onMajor, onStatus }: {
  query: string;
  major: ComponentMajorCode | '';
  status: ComponentStatus | '';
  onQuery: (query: string) => void;
  onMajor: (major: ComponentMajorCode | '') => void;
  onStatus: (status: ComponentStatus | '') => void;
}) {
  const { t } = useTranslation(['registry', 'app']);
  return (
    <div className="registry-filters" role="search" aria-label={t('components.search')}>
      <input type="search" value={query} onChange={(e) => onQuery(e.target.value)} placeholder={t('components.searchPlaceholder')} aria-label={t('components.search')} />
      <select value={major} onChange={(e) => onMajor(e.target.value as ComponentMajorCode | '')} aria-label={t('components.category')}>
        <option value="">{t('components.allCategories')}</option>
        {MAJORS.map((m) => (
          <option key={m} value={m}>
            {COMPONENT_MAJOR_CATEGORIES[m]}
          </option>
        ))}
      </select>
      <select value={status} onChange={(e) => onStatus(e.target.value as ComponentStatus | '')} aria-label={t('components.status')}>
        <option value="">{t('components.allStatuses')}</option>
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`app:components.statuses.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The matches a page at a time, with their count; a click on a row shows that component on the map. */
export function ComponentTable({ matches, selected, onLocate, onRaiseOrder }: {
  matches: readonly ComponentDoc[];
  /** The code of the component shown on the map. */
  selected: string | null;
  onLocate: (component: ComponentDoc) => void;
  onRaiseOrder: (component: ComponentDoc) => void;
}) {
  const { t } = useTranslation(['registry', 'app']);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const first = current * PAGE_SIZE;
  const shown = matches.slice(first, first + PAGE_SIZE);
  return (
    <>
      <p className="registry-count">
        {pages > 1 ? t('componentPages.range', { count: matches.length, from: first + 1, to: first + shown.length }) : t('components.matches', { count: matches.length })}
      </p>
      <table className="registry-table" aria-label={t('app:nav.components')}>
        <thead>
          <tr>
            <th scope="col">{t('app:components.code')}</th>
            <th scope="col">{t('app:components.name')}</th>
            <th scope="col">{t('app:components.status')}</th>
            <th scope="col">{t('components.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
<tr key={c.code} className={c.code === selected ? 'is-selected' : undefined} onClick={() => onLocate(c)} data-code={c.code}>
              <td className="mono">{c.code}</td>
              <td>
                {c.name}
                <div className="muted">{`${COMPONENT_MAJOR_CATEGORIES[c.majorCode]} · ${c.minorName}`}</div>
              </td>
              <td>
                <Tag tone={STATUS_TONE[c.status]}>{t(`app:components.statuses.${c.status}`)}</Tag>
              </td>
              <td>
                <div className="registry-actions component-row-actions">
                  <button type="button" onClick={(e) => (e.stopPropagation(), onLocate(c))}>
                    {t('components.locate')}
                  </button>
                  <button type="button" onClick={(e) => (e.stopPropagation(), onRaiseOrder(c))}>
                    {t('components.raiseOrder')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="component-pager" aria-label={t('componentPages.label')}>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>{t('componentPages.previous')}</button>
          <span>{t('componentPages.of', { page: current + 1, pages })}</span>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>{t('componentPages.next')}</button>
        </nav>
      ) : null}
    </>
  );
}
