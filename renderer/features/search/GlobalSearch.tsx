/**
 * The header's 搜索 button (and Ctrl+K anywhere): a dialog with one box that finds work orders,
 * cases, people, components and grids in the station's local data (globalSearch.ts), grouped
 * by kind; ↑↓ move through the hits, Enter or a click opens one.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../data/session';
import { useNames } from '../../data/names';
import { Icon } from '../../ui/icons';
import { flatHits, globalSearch, HITS_PER_KIND, searchTermOf, type HitNames, type SearchGroup, type SearchHit } from './globalSearch';
import './search.css';

/** Typing pauses this long before a search runs. */
const DEBOUNCE_MS = 180;

export function GlobalSearch() {
  const { t } = useTranslation('app');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="search-button" aria-haspopup="dialog" aria-keyshortcuts="Control+K" title={t('search.label')} onClick={() => setOpen(true)}>
        <Icon name="search" size={18} />
        <span className="search-button__label">{t('search.open')}</span>
        <kbd className="search-button__key">{t('search.shortcut')}</kbd>
      </button>
      {open ? <SearchDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const names = useNames();
  const dialog = useRef<HTMLDialogElement>(null);
  const [input, setInput] = useState('');
  const [result, setResult] = useState<{ input: string; groups: SearchGroup[] } | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const hitNames = useMemo<HitNames>(
    () => ({ grid: names.grid, dispute: (type) => type, role: (role) => t(`staff.roleNames.${role}`) }),
    [names.grid, t],
  );

  const term = searchTermOf(input);
  useEffect(() => {
    if (!term) return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      void globalSearch(db, term, hitNames).then((groups) => {
        if (!current) return;
        setResult({ input: term, groups });
        setActive(0);
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [db, term, hitNames]);

  const shown = term && result?.input === term ? result.groups : null;
  const hits = useMemo(() => flatHits(shown ?? []), [shown]);

  const choose = useCallback(
    (hit: SearchHit) => {
      onClose();
      window.location.hash = hit.href;
    },
    [onClose],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // A search box would only clear itself on Esc: the clerk means to close.
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(hits[Math.min(active, hits.length - 1)]);
    }
  };

  useEffect(() => {
    document.getElementById(`search-hit-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  let index = -1;
  return (
    <dialog ref={dialog} className="search" aria-label={t('search.title')} onClose={onClose} onClick={(e) => e.target === dialog.current && onClose()}>
      <div className="search__box">
        <Icon name="search" size={20} />
        <input
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? `search-hit-${active}` : undefined}
          placeholder={t('search.placeholder')}
          value={input}
          autoFocus
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="search__close" onClick={onClose}>{t('search.close')}</button>
      </div>
      <div id="search-results" className="search__results" role="listbox" aria-label={t('search.results')}>
        {shown?.map((group) => (
          <div key={group.kind} role="group" aria-labelledby={`search-kind-${group.kind}`} className="search__group">
            <div id={`search-kind-${group.kind}`} className="search__kind" role="presentation">{t(`search.kinds.${group.kind}`)}</div>
            {group.hits.map((hit) => {
              index += 1;
              const at = index;
              return (
                <div
                  key={hit.id}
                  id={`search-hit-${at}`}
                  role="option"
                  aria-selected={at === active}
                  className="search__hit"
                  onMouseMove={() => setActive(at)}
                  onClick={() => choose(hit)}
                >
                  <span className="search__title">{hit.title}</span>
                  <span className="search__detail">{hit.detail}</span>
                </div>
              );
            })}
            {group.more ? <div className="search__more" role="presentation">{t('search.more', { count: HITS_PER_KIND })}</div> : null}
          </div>
        ))}
      </div>
      <p className="search__status" role="status">
        {!term ? t('search.hint') : !shown ? t('search.searching') : shown.length === 0 ? t('search.none', { term }) : ''}
      </p>
    </dialog>
  );
}
