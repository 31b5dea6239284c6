/** What the generator's stages hand each other about a place, beyond the docs themselves. */
import type { Rect } from './geometry';

export interface LeafGrid {
  code: string;
  rect: Rect;
}

export interface DemoVillage {
  code: string;
  name: string;
  townCode: string;
  townName: string;
  rect: Rect;
  /** The grids work happens in: level-3 grids, or their level-4 children where split. */
  leafGrids: LeafGrid[];
  gridHeadId: string;
  workerIds: string[];
  mediatorIds: string[];
}

/** Fields every generated doc shares. */
export interface Stamp {
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** Who "wrote" reference data: the import that seeded the demo district. */
export const DEMO_AUTHOR = 'demo-generator';
