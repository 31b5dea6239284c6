/**
 * Reads and checks the org tree file district IT provisions from (district → towns →
 * villages; the demo generator writes one). Every code is checked with the code validators,
 * and every child must sit under its parent's code, so a typo cannot create a stray database.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { checkUnitCode } from '../core/codes';
import { t } from '../core/i18n';
import type { OrgTree } from '../core/org';
import { DistrictError } from './districtError';

const unit = { code: z.string(), name: z.string().min(1) };
const orgTreeSchema = z.object({
  ...unit,
  towns: z.array(z.object({ ...unit, villages: z.array(z.object(unit)) })),
});

/** Problems of a parsed tree, one Chinese line each; empty when the tree is sound. */
export function orgTreeProblems(tree: OrgTree): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (code: string, level: number, parent: string | null) => {
    const result = checkUnitCode(code);
    if (!result.ok) problems.push(result.message);
    else if (code.length !== level) problems.push(t('district:orgTree.wrongLevel', { code, digits: level }));
    else if (parent && !code.startsWith(parent)) problems.push(t('district:orgTree.notUnderParent', { code, parent }));
    if (seen.has(code)) problems.push(t('district:orgTree.duplicate', { code }));
    seen.add(code);
  };
  check(tree.code, 6, null);
  for (const town of tree.towns) {
    check(town.code, 9, tree.code);
    for (const village of town.villages) check(village.code, 12, town.code);
  }
  return problems;
}

export function parseOrgTree(json: unknown): OrgTree {
  const parsed = orgTreeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DistrictError(t('district:orgTree.badShape', { path: issue.path.join('.') || '/', message: issue.message }));
  }
  const problems = orgTreeProblems(parsed.data);
  if (problems.length > 0) throw new DistrictError(t('district:orgTree.badCodes', { count: problems.length, first: problems.join('；') }));
  return parsed.data;
}

export function readOrgTree(path: string): OrgTree {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DistrictError(t('district:orgTree.unreadable', { path }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DistrictError(t('district:orgTree.notJson', { path, message: (err as Error).message }));
  }
  return parseOrgTree(json);
}

/** Every unit of the tree, district first, each town followed by its villages. */
export function unitsOfTree(tree: OrgTree): string[] {
  const codes = [tree.code];
  for (const town of tree.towns) codes.push(town.code, ...town.villages.map((v) => v.code));
  return codes;
}
