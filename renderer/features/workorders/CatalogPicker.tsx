/** Picks an event-list item by Chinese, pinyin initials or code; shows its department and time limit. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItemDoc } from '../../../core/schema';
import { indexCatalog } from './catalogSearch';

export function CatalogPicker({ items, value, onPick, departmentName }: {
  items: readonly CatalogItemDoc[];
  value: CatalogItemDoc | null;
  onPick: (item: CatalogItemDoc | null) => void;
  departmentName: (code: string) => string;
}) {
  const { t } = useTranslation('workorders');
  const listId = useId();
  const index = useMemo(() => indexCatalog(items.filter((i) => i.active)), [items]);
  const [query, setQuery] = useState('');
  const found = useMemo(() => index.search(query, 10), [index, query]);
  return (
    <div className="wo-catalog">
      {value ? (
        <div className="wo-catalog__picked">
          <strong>{value.name}</strong>
          <span className="wo-muted">{value.subcategoryName} · {value.code}</span>
          <span>{t('fields.department')}：{departmentName(value.departmentCode)}</span>
          <span>{t('fields.timeLimit')}：{t('countdown.hours', { count: value.timeLimitHours })}</span>
          <button type="button" className="wo-button wo-button--quiet" onClick={() => onPick(null)}>{t('detail.cancel')}</button>
        </div>
      ) : (
        <>
          <input
            type="search"
            className="wo-input wo-input--wide"
            role="combobox"
            aria-expanded={found.length > 0}
            aria-controls={listId}
            aria-label={t('fields.catalogItem')}
            placeholder={t('intake.catalogSearch')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {query.trim() ? (
            <ul className="wo-catalog__list" id={listId} role="listbox">
              {found.length === 0 ? <li className="wo-muted">{t('intake.catalogNone')}</li> : null}
              {found.map((item) => (
                <li key={item.code} role="option" aria-selected={false}>
                  <button type="button" onClick={() => { onPick(item); setQuery(''); }}>
                    <strong>{item.name}</strong>
                    <span className="wo-muted">{item.subcategoryName}</span>
                    <span className="wo-muted">{departmentName(item.departmentCode)} · {t('countdown.hours', { count: item.timeLimitHours })}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  );
}
