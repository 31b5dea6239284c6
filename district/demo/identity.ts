/**
 * Identity numbers for demo people and organisations that pass real checks: mobile numbers of
 * mainland carriers, 18-digit resident ID numbers (GB 11643, ISO 7064 MOD 11-2 checksum) and
 * unified social credit codes (GB 32100); the check characters come from core/mediation/identity,
 * the same code that checks what a clerk types.
 */
import { creditCodeCheck, residentIdCheck } from '../../core/mediation/identity';
import type { Random } from './random';

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

export function mobilePhone(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(8);
}

/** Birth places of demo residents: Wuzhong itself, other Suzhou districts, and migrant home counties. */
const ID_REGIONS = ['320506', '320506', '320506', '320505', '320507', '320508', '320509', '341221', '411522', '510722', '320923'];

export function residentId(random: Random, birthYear: number, male: boolean): string {
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const order = random.int(0, 49) * 2 + (male ? 1 : 0);
  const first17 =
    random.pick(ID_REGIONS) + String(birthYear) + String(month).padStart(2, '0') + String(day).padStart(2, '0') + String(random.int(0, 9)) + String(order).padStart(2, '0');
  return first17 + residentIdCheck(first17);
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** A unified social credit code of an enterprise registered in `countyCode`. */
export function creditCode(random: Random, countyCode: string): string {
  const orgBody = random.digits(8);
  let orgSum = 0;
  for (let i = 0; i < 8; i++) orgSum += Number(orgBody[i]) * ORG_WEIGHTS[i];
  const orgCheckValue = 11 - (orgSum % 11);
  const orgCheck = orgCheckValue === 10 ? 'X' : orgCheckValue === 11 ? '0' : String(orgCheckValue);
  const first17 = '91' + countyCode + orgBody + orgCheck;
  return first17 + creditCodeCheck(first17);
}
