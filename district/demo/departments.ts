/** The handling departments of the demo district (≥20), by kind (DEPARTMENT_KINDS). */
import type { DEPARTMENT_KINDS } from '../../core/schema';

export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface DemoDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  phone: string;
}

export const DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'ZHZF', name: '区综合行政执法局', kind: 'enforcement', phone: '0512-66551001' },
  { code: 'GA', name: '苏州市公安局吴中分局', kind: 'enforcement', phone: '0512-66551002' },
  { code: 'PCS', name: '辖区公安派出所', kind: 'enforcement', phone: '0512-66551003' },
  { code: 'JJ', name: '吴中交警大队', kind: 'enforcement', phone: '0512-66551004' },
  { code: 'LDJC', name: '区劳动保障监察大队', kind: 'enforcement', phone: '0512-66551005' },
  { code: 'XF', name: '吴中区消防救援大队', kind: 'enforcement', phone: '0512-66551006' },
  { code: 'ZJ', name: '区住房和城乡建设局', kind: 'bureau', phone: '0512-66552001' },
  { code: 'STHJ', name: '苏州市吴中生态环境局', kind: 'bureau', phone: '0512-66552002' },
  { code: 'YJGL', name: '区应急管理局', kind: 'bureau', phone: '0512-66552003' },
  { code: 'RS', name: '区人力资源和社会保障局', kind: 'bureau', phone: '0512-66552004' },
  { code: 'SCJG', name: '区市场监督管理局', kind: 'bureau', phone: '0512-66552005' },
  { code: 'SW', name: '区水务局', kind: 'bureau', phone: '0512-66552006' },
  { code: 'WJ', name: '区卫生健康委员会', kind: 'bureau', phone: '0512-66552007' },
  { code: 'MZ', name: '区民政局', kind: 'bureau', phone: '0512-66552008' },
  { code: 'JT', name: '区交通运输局', kind: 'bureau', phone: '0512-66552009' },
  { code: 'ZRZY', name: '苏州市自然资源和规划局吴中分局', kind: 'bureau', phone: '0512-66552010' },
  { code: 'NY', name: '区农业农村局', kind: 'bureau', phone: '0512-66552011' },
  { code: 'XFJ', name: '区信访局', kind: 'bureau', phone: '0512-66552012' },
  { code: 'JY', name: '区教育局', kind: 'bureau', phone: '0512-66552013' },
  { code: 'LH', name: '区园林绿化管理处', kind: 'bureau', phone: '0512-66552014' },
  { code: 'GD', name: '国网苏州市吴中区供电公司', kind: 'utility', phone: '95598' },
  { code: 'GS', name: '吴中供水有限公司', kind: 'utility', phone: '0512-66553001' },
  { code: 'RQ', name: '港华燃气吴中分公司', kind: 'utility', phone: '0512-66553002' },
  { code: 'TX', name: '中国电信吴中分公司', kind: 'utility', phone: '0512-66553003' },
  { code: 'HW', name: '区环境卫生管理处', kind: 'utility', phone: '0512-66553004' },
  { code: 'SF', name: '区司法局', kind: 'judicial', phone: '0512-66554001' },
  { code: 'SFS', name: '镇（街道）司法所', kind: 'judicial', phone: '0512-66554002' },
  { code: 'ZZB', name: '镇（街道）综合治理办公室', kind: 'townOffice', phone: '0512-66555001' },
  { code: 'CGB', name: '镇（街道）城市管理办公室', kind: 'townOffice', phone: '0512-66555002' },
  { code: 'AJB', name: '镇（街道）安全生产监督管理办公室', kind: 'townOffice', phone: '0512-66555003' },
];

export function departmentByCode(code: string): DemoDepartment {
  const found = DEPARTMENTS.find((d) => d.code === code);
  if (!found) throw new Error(`demo data refers to an unknown department: ${code}`);
  return found;
}
