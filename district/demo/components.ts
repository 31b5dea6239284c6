/**
 * The component list (部件清单): every lamp, manhole cover, sign, tree … of each village, with
 * its 17-digit code (county + major + minor + sequence), its three units, a status and a
 * location inside the grid it stands in.
 */
import { scopeOfUnit } from '../../core/org';
import { docId, type ComponentDoc, type ComponentStatus } from '../../core/schema';
import { iso } from './calendar';
import type { ComponentTag } from './catalog';
import { COMPONENT_KINDS } from './componentKinds';
import { DEMO_AUTHOR, type DemoVillage } from './context';
import { pointIn } from './geometry';
import { ROAD_KINDS, ROAD_STEMS } from './places';
import type { Random, Weighted } from './random';

const STATUS_WEIGHTS: Weighted<ComponentStatus> = [['intact', 86], ['damaged', 8], ['missing', 2], ['abandoned', 2], ['removed', 2]];
const SOURCE_WEIGHTS: Weighted<string> = [['部件普查', 70], ['巡查新增', 20], ['部门移交', 10]];
const KIND_WEIGHTS: Weighted<number> = COMPONENT_KINDS.map((k, i) => [i, k.weight] as const);
const SURVEY_DATE = '2024-06-01T00:00:00.000Z';

export interface ComponentStage {
  components: ComponentDoc[];
  /** village code → component kind tag → codes of components there, for work orders about them. */
  byVillageTag: Map<string, Map<ComponentTag, string[]>>;
}

export function roadAddress(random: Random, village: DemoVillage): string {
  return `${village.townName}${village.name}${random.pick(ROAD_STEMS)}${random.pick(ROAD_KINDS)}${random.int(1, 299)}号`;
}

export function generateComponents(random: Random, villages: DemoVillage[], perVillage: number): ComponentStage {
  const components: ComponentDoc[] = [];
  const byVillageTag = new Map<string, Map<ComponentTag, string[]>>();
  const sequences = new Map<string, number>();
  for (const village of villages) {
    const tags = new Map<ComponentTag, string[]>();
    byVillageTag.set(village.code, tags);
    const scope = scopeOfUnit(village.code);
    for (let i = 0; i < perVillage; i++) {
      const kind = COMPONENT_KINDS[random.weighted(KIND_WEIGHTS)];
      const key = kind.major + kind.minor;
      const seq = (sequences.get(key) ?? 0) + 1;
      if (seq > 999_999) throw new Error(`too many components of kind ${kind.name}: the 6-digit sequence is exhausted`);
      sequences.set(key, seq);
      const code = village.code.slice(0, 6) + key + String(seq).padStart(6, '0');
      const leaf = random.pick(village.leafGrids);
      const status = random.weighted(STATUS_WEIGHTS);
      const installedAt = iso(Date.UTC(random.int(2008, 2023), random.int(0, 11), random.int(1, 28), 2));
      components.push({
        id: docId('component', code),
        type: 'component',
        scope,
        createdAt: SURVEY_DATE,
        updatedAt: SURVEY_DATE,
        updatedBy: DEMO_AUTHOR,
        code,
        name: kind.name,
        majorCode: kind.major,
        minorCode: kind.minor,
        minorName: kind.name,
        responsibleDepartment: kind.responsibleDepartment,
        ownerUnit: kind.ownerUnit,
        maintenanceUnit: kind.maintenanceUnit,
        ownerCode: village.code,
        gridCode: leaf.code,
        location: pointIn(leaf.rect, random),
        address: roadAddress(random, village),
        status,
        installedAt,
        dataSource: random.weighted(SOURCE_WEIGHTS),
        remarks: status === 'damaged' ? '巡查发现破损，待养护单位修复' : '',
      });
      if (kind.tag && status !== 'removed') {
        const list = tags.get(kind.tag) ?? [];
        list.push(code);
        tags.set(kind.tag, list);
      }
    }
  }
  return { components, byVillageTag };
}
