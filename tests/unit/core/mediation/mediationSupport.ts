/** Demo-district material for the mediation unit tests: a village station, its people and companies. */
import { generateDemoDistrict } from '../../../../district/demo/generate';
import type { Actor, PartyInput, RegistrationInput } from '../../../../core/mediation';

const district = generateDemoDistrict({ seed: 3, towns: 2, villagesPerTown: 2, casesPerVillage: 12 });
export const demoCases = district.docs.mediationCases;
export const village = district.orgTree.towns[0].villages[0];
export const town = district.orgTree.towns[0];
export const clerk: Actor = { name: '吴调解', unit: village.code };

const people = demoCases.flatMap((c) => c.parties).filter((p) => p.kind === 'person');
const companies = demoCases.flatMap((c) => c.parties).filter((p) => p.kind === 'organisation');

/** 47 employees as one applicant entry against their company: DOMAIN.md's layoff example. */
export function layoffRegistration(): RegistrationInput {
  const employee = people[0];
  const company = companies[0];
  const applicants: PartyInput = { side: 'applicant', kind: 'person', name: `${employee.name}等47名员工`, idNumber: employee.idNumber, phone: employee.phone, address: employee.address, headcount: '47' };
  const respondent: PartyInput = { side: 'respondent', kind: 'organisation', name: company.name, creditCode: company.creditCode, phone: company.phone, address: company.address };
  return {
    parties: [applicants, respondent],
    disputeType: '劳动争议',
    source: 'proactive',
    summary: '企业经营困难拟裁员47人，员工要求依法支付经济补偿金。网格员巡查发现风险后报告。',
    amountInvolved: '800000',
  };
}
