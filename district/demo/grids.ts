/**
 * The org tree and its grids: towns (level 1) tile the district, villages (level 2) tile their
 * town, 2–4 base grids (level 3) tile each village, and some base grids split into level-4
 * grids. Children are cut in reading order, so sequence numbers run west→east, north→south.
 */
import type { OrgTown, OrgTree, OrgVillage } from '../../core/org';
import { scopeOfUnit } from '../../core/org';
import { docId, type GridDoc } from '../../core/schema';
import { DEMO_AUTHOR, type DemoVillage, type LeafGrid } from './context';
import { DISTRICT_RECT, rectPolygon, splitRect, type Rect } from './geometry';
import { DISTRICT_CODE, PLACE_STEMS, STEM_SUFFIXES, TOWNSHIPS, districtName, type TownshipKind } from './places';
import type { Random } from './random';

const BOUNDARY_VALID_FROM = '2024-01-01T00:00:00.000Z';
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const pad3 = (n: number): string => String(n).padStart(3, '0');

export interface GridStage {
  orgTree: OrgTree;
  grids: GridDoc[];
  villages: DemoVillage[];
}

/** Town names beyond the real list are made up from place words: 灵岩镇, 香溪街道 … */
function townships(count: number, random: Random): { name: string; kind: TownshipKind }[] {
  const out = TOWNSHIPS.slice(0, count).map((t) => ({ ...t }));
  const stems = random.shuffle(PLACE_STEMS);
  for (let i = 0; out.length < count; i++) {
    const kind: TownshipKind = out.length % 2 === 0 ? 'street' : 'town';
    out.push({ name: `${stems[i % stems.length]}${STEM_SUFFIXES[Math.floor(i / stems.length)]}${kind === 'street' ? '街道' : '镇'}`, kind });
  }
  return out;
}

/** District-unique village stems: 灵岩, then 灵岩东, 灵岩西 … and numbered once those run out. */
function villageStems(count: number, random: Random): string[] {
  const stems = random.shuffle(PLACE_STEMS);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / stems.length);
    const suffix = STEM_SUFFIXES[round % STEM_SUFFIXES.length];
    const extra = round >= STEM_SUFFIXES.length ? String(Math.floor(round / STEM_SUFFIXES.length) + 1) : '';
    out.push(stems[i % stems.length] + suffix + extra);
  }
  return out;
}

function gridDoc(code: string, name: string, level: 1 | 2 | 3 | 4, parentCode: string, divisionCode: string, rect: Rect, population: number): GridDoc {
  const owner = level === 1 ? code : code.slice(0, 12);
  return {
    id: docId('grid', code),
    type: 'grid',
    scope: scopeOfUnit(owner),
    createdAt: BOUNDARY_VALID_FROM,
    updatedAt: BOUNDARY_VALID_FROM,
    updatedBy: DEMO_AUTHOR,
    code,
    name,
    level,
    parentCode,
    divisionCode,
    population,
    households: Math.round(population / 2.7),
    workerStaffIds: [],
    boundary: rectPolygon(rect),
    boundaryValidFrom: BOUNDARY_VALID_FROM,
    boundaryHistory: [],
  };
}

export function generateGrids(random: Random, towns: number, villagesPerTown: number, districtCode: string = DISTRICT_CODE): GridStage {
  const townList = townships(towns, random);
  // Codes first, then lay towns out in code order so level-1 codes also read west→east, north→south.
  let streetSeq = 0;
  let townSeq = 99;
  const coded = townList
    .map((t) => ({ ...t, code: districtCode + pad3(t.kind === 'street' ? ++streetSeq : ++townSeq) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const stems = villageStems(towns * villagesPerTown, random);
  const townRects = splitRect(DISTRICT_RECT, coded.length);

  const grids: GridDoc[] = [];
  const villages: DemoVillage[] = [];
  const orgTowns: OrgTown[] = [];
  coded.forEach((town, t) => {
    // Streets hold communities (001–199); towns hold a few communities around the seat, then villages (200–399).
    const communities = town.kind === 'street' ? villagesPerTown : Math.max(1, Math.round(villagesPerTown * 0.25));
    const orgVillages: OrgVillage[] = [];
    const villageRects = splitRect(townRects[t], villagesPerTown);
    const townGrid = gridDoc(town.code, town.name, 1, '', `${town.code}000`, townRects[t], 0);
    grids.push(townGrid);
    for (let v = 0; v < villagesPerTown; v++) {
      const isCommunity = v < communities;
      const code = town.code + pad3(isCommunity ? v + 1 : 200 + v - communities + 1);
      const name = stems[t * villagesPerTown + v] + (isCommunity ? '社区' : '村');
      orgVillages.push({ code, name });
      const villageGrid = gridDoc(code, name, 2, town.code, code, villageRects[v], 0);
      grids.push(villageGrid);
      const leafGrids: LeafGrid[] = [];
      const baseRects = splitRect(villageRects[v], random.int(2, 4));
      baseRects.forEach((baseRect, b) => {
        const baseCode = code + pad3(b + 1);
        const baseName = `${name}第${CHINESE_ORDINALS[b]}网格`;
        const split = random.chance(0.15);
        const base = gridDoc(baseCode, baseName, 3, code, code, baseRect, split ? 0 : random.int(1000, 1500));
        grids.push(base);
        if (split) {
          splitRect(baseRect, random.int(2, 3)).forEach((microRect, m) => {
            const micro = gridDoc(baseCode + pad3(m + 1), `${baseName}${m + 1}号微网格`, 4, baseCode, code, microRect, random.int(450, 750));
            grids.push(micro);
            base.population = (base.population ?? 0) + (micro.population ?? 0);
            leafGrids.push({ code: micro.code, rect: microRect });
          });
          base.households = Math.round((base.population ?? 0) / 2.7);
        } else {
          leafGrids.push({ code: baseCode, rect: baseRect });
        }
        villageGrid.population = (villageGrid.population ?? 0) + (base.population ?? 0);
      });
      villageGrid.households = Math.round((villageGrid.population ?? 0) / 2.7);
      townGrid.population = (townGrid.population ?? 0) + (villageGrid.population ?? 0);
      villages.push({ code, name, townCode: town.code, townName: town.name, rect: villageRects[v], leafGrids, gridHeadId: '', workerIds: [], mediatorIds: [] });
    }
    townGrid.households = Math.round((townGrid.population ?? 0) / 2.7);
    orgTowns.push({ code: town.code, name: town.name, villages: orgVillages });
  });
  return { orgTree: { code: districtCode, name: districtName, towns: orgTowns }, grids, villages };
}
