/**
 * Finding an event-list item the way clerks type: Chinese (井盖), pinyin initials (jg), full
 * pinyin (jinggai) or the item code. The pinyin of each name is computed once per catalog.
 */
import { pinyin } from 'pinyin-pro';
import type { CatalogItemDoc } from '../../../core/schema';

export type CatalogEntry = Pick<CatalogItemDoc, 'code' | 'name' | 'subcategoryName' | 'departmentCode' | 'timeLimitHours' | 'majorCode'>;

interface Indexed<T> {
  item: T;
  name: string;
  initials: string;
  full: string;
  subInitials: string;
}

export interface CatalogIndex<T extends CatalogEntry> {
  search(query: string, limit?: number): T[];
}

function initialsOf(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

function fullOf(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array' }).join('').toLowerCase();
}

export function indexCatalog<T extends CatalogEntry>(items: readonly T[]): CatalogIndex<T> {
  const entries: Indexed<T>[] = items.map((item) => ({
    item,
    name: item.name,
    initials: initialsOf(item.name),
    full: fullOf(item.name),
    subInitials: initialsOf(item.subcategoryName),
  }));
  return {
    search(query, limit = 12) {
      const q = query.trim().toLowerCase().replace(/\s+/g, '');
      if (!q) return [];
      const scored: { entry: Indexed<T>; score: number }[] = [];
      for (const entry of entries) {
        let score = 0;
        if (entry.name.startsWith(q) || entry.initials.startsWith(q) || entry.full.startsWith(q)) score = 3;
        else if (entry.name.includes(q) || entry.initials.includes(q) || entry.full.includes(q)) score = 2;
        else if (entry.item.code.startsWith(q) || entry.item.subcategoryName.includes(q) || entry.subInitials.startsWith(q)) score = 1;
        if (score > 0) scored.push({ entry, score });
      }
      scored.sort((a, b) => b.score - a.score || a.entry.name.length - b.entry.name.length || a.entry.item.code.localeCompare(b.entry.item.code));
      return scored.slice(0, limit).map((s) => s.entry.item);
    },
  };
}
