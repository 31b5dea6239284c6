/**
 * Which event-list item a work order raised from a component most likely belongs under.
 *
 * The district's event list names the component kind in its items (井盖破损, 路灯不亮,
 * 交通护栏损坏 …) but carries no link to component categories, and each district loads its own
 * list. So the match is by name: items naming the longest tail of the component's minor
 * category name (污水井盖 → 井盖, 通信井盖 → 通信井盖), then the item whose wording fits the
 * component's status (missing → 缺失/丢失, otherwise 破损/损坏/故障 first). The clerk can still
 * change it in the form; no match leaves the item empty rather than guessing.
 */
import type { CatalogItemDoc, ComponentDoc, ComponentStatus } from '../../../core/schema';

const STATUS_WORDS: Record<ComponentStatus, readonly string[]> = {
  missing: ['缺失', '丢失', '被盗'],
  damaged: ['破损', '损坏', '故障', '倾斜', '松动'],
  intact: ['破损', '损坏', '故障'],
  abandoned: ['破损', '损坏'],
  removed: [],
};

/** Tails of a name, longest first, at least two characters: 污水井盖 → 污水井盖, 水井盖, 井盖. */
function tails(name: string): string[] {
  const chars = [...name.replace(/（.*?）|\(.*?\)/g, '')];
  const out: string[] = [];
  for (let start = 0; start <= chars.length - 2; start++) out.push(chars.slice(start).join(''));
  return out;
}

export function catalogForComponent(component: Pick<ComponentDoc, 'minorName' | 'status'>, catalog: readonly CatalogItemDoc[]): CatalogItemDoc | null {
  const active = catalog.filter((item) => item.active);
  for (const tail of tails(component.minorName)) {
    const named = active.filter((item) => item.name.includes(tail)).sort((a, b) => a.code.localeCompare(b.code));
    if (named.length === 0) continue;
    for (const word of STATUS_WORDS[component.status]) {
      const fitting = named.find((item) => item.name.includes(word));
      if (fitting) return fitting;
    }
    return named[0];
  }
  return null;
}
