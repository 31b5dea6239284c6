import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../district/demo';
import { DistrictError } from '../../../district/districtError';
import { parseOrgTree, unitsOfTree } from '../../../district/orgTreeFile';
import { replicationJobsOf, securityOf } from '../../../district/topologyPlan';

const tree = generateDemoDistrict({ towns: 2, villagesPerTown: 3, ticketsPerVillage: 0, casesPerVillage: 0, componentsPerVillage: 0 }).orgTree;

describe('the org tree file', () => {
  it('accepts the demo district’s tree', () => {
    expect(parseOrgTree(JSON.parse(JSON.stringify(tree)))).toEqual(tree);
    expect(unitsOfTree(tree)).toHaveLength(1 + 2 + 6);
  });

  it('refuses a village filed under the wrong town, naming it', () => {
    const [a, b] = tree.towns;
    const moved = { ...tree, towns: [{ ...a, villages: [...a.villages, b.villages[0]] }, b] };
    expect(() => parseOrgTree(moved)).toThrow(DistrictError);
    expect(() => parseOrgTree(moved)).toThrow(new RegExp(`${b.villages[0].code}.*不属于上级「${a.code}」`));
  });

  it('refuses a file that is not an org tree', () => {
    expect(() => parseOrgTree({ code: '320506', towns: 'none' })).toThrow(/组织树文件格式错误/);
  });
});

describe('the plan provisioning follows', () => {
  it('gives each unit’s database its own role and the district’s, never a child’s', () => {
    const [town] = tree.towns;
    expect(securityOf(town.code, tree.code).members.roles).toEqual([`town:${town.code}`, `district:${tree.code}`, 'gridlink-admin']);
    expect(securityOf(town.villages[0].code, tree.code).members.roles).not.toContain(`town:${town.code}`);
  });

  it('runs two jobs per town and village: every doc up (design docs excepted), scoped docs down', () => {
    const jobs = replicationJobsOf(tree, 'http://127.0.0.1:5984', 'Basic x');
    expect(jobs).toHaveLength(2 * (2 + 6));
    const village = tree.towns[0].villages[0].code;
    const down = jobs.find((j) => j._id === `gridlink-down-gl-station-${village}`)!;
    expect(down.source.url).toBe(`http://127.0.0.1:5984/gl-town-${tree.towns[0].code}`);
    expect(JSON.stringify(down.selector)).toContain(village);
  });
});
