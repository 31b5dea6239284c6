/**
 * Component (部件) kinds of the demo: major/minor category codes in the GB/T 30428.2 lineage,
 * with the three units every component names (主管部门, 权属单位, 养护单位) and how common
 * each kind is on the ground.
 */
import type { ComponentMajorCode } from '../../core/schema';
import type { ComponentTag } from './catalog';

export interface ComponentKind {
  major: ComponentMajorCode;
  minor: string;
  name: string;
  responsibleDepartment: string;
  ownerUnit: string;
  maintenanceUnit: string;
  /** Relative frequency. */
  weight: number;
  tag?: ComponentTag;
}

export const COMPONENT_KINDS: readonly ComponentKind[] = [
  { major: '01', minor: '001', name: '上水井盖', responsibleDepartment: '区水务局', ownerUnit: '吴中供水有限公司', maintenanceUnit: '吴中供水有限公司', weight: 6, tag: 'manhole' },
  { major: '01', minor: '002', name: '污水井盖', responsibleDepartment: '区水务局', ownerUnit: '吴中排水有限公司', maintenanceUnit: '吴中排水有限公司', weight: 7, tag: 'manhole' },
  { major: '01', minor: '003', name: '雨水井盖', responsibleDepartment: '区水务局', ownerUnit: '吴中排水有限公司', maintenanceUnit: '吴中排水有限公司', weight: 8, tag: 'manhole' },
  { major: '01', minor: '004', name: '电力井盖', responsibleDepartment: '国网苏州市吴中区供电公司', ownerUnit: '国网苏州市吴中区供电公司', maintenanceUnit: '国网苏州市吴中区供电公司', weight: 3, tag: 'manhole' },
  { major: '01', minor: '005', name: '通信井盖', responsibleDepartment: '中国电信吴中分公司', ownerUnit: '中国电信吴中分公司', maintenanceUnit: '中国电信吴中分公司', weight: 3, tag: 'manhole' },
  { major: '01', minor: '006', name: '燃气井盖', responsibleDepartment: '区住房和城乡建设局', ownerUnit: '港华燃气吴中分公司', maintenanceUnit: '港华燃气吴中分公司', weight: 2, tag: 'manhole' },
  { major: '01', minor: '010', name: '消火栓', responsibleDepartment: '吴中区消防救援大队', ownerUnit: '吴中供水有限公司', maintenanceUnit: '吴中供水有限公司', weight: 3, tag: 'hydrant' },
  { major: '01', minor: '012', name: '路灯', responsibleDepartment: '区综合行政执法局', ownerUnit: '区城市照明管理所', maintenanceUnit: '苏州明辉照明工程有限公司', weight: 14, tag: 'lamp' },
  { major: '01', minor: '015', name: '变压器（箱）', responsibleDepartment: '国网苏州市吴中区供电公司', ownerUnit: '国网苏州市吴中区供电公司', maintenanceUnit: '国网苏州市吴中区供电公司', weight: 2 },
  { major: '01', minor: '016', name: '电线杆', responsibleDepartment: '国网苏州市吴中区供电公司', ownerUnit: '国网苏州市吴中区供电公司', maintenanceUnit: '国网苏州市吴中区供电公司', weight: 4 },
  { major: '02', minor: '003', name: '公交站亭', responsibleDepartment: '区交通运输局', ownerUnit: '苏州吴中公共交通有限公司', maintenanceUnit: '苏州吴中公共交通有限公司', weight: 2, tag: 'busShelter' },
  { major: '02', minor: '006', name: '交通标志牌', responsibleDepartment: '吴中交警大队', ownerUnit: '区交通运输局', maintenanceUnit: '吴中交通设施养护中心', weight: 5, tag: 'sign' },
  { major: '02', minor: '007', name: '交通信号灯', responsibleDepartment: '吴中交警大队', ownerUnit: '吴中交警大队', maintenanceUnit: '吴中交通设施养护中心', weight: 2, tag: 'sign' },
  { major: '02', minor: '009', name: '道路护栏', responsibleDepartment: '区交通运输局', ownerUnit: '区交通运输局', maintenanceUnit: '吴中交通设施养护中心', weight: 4, tag: 'guardrail' },
  { major: '02', minor: '010', name: '路名牌', responsibleDepartment: '区民政局', ownerUnit: '区民政局', maintenanceUnit: '吴中交通设施养护中心', weight: 3, tag: 'sign' },
  { major: '02', minor: '016', name: '非机动车停放点', responsibleDepartment: '区综合行政执法局', ownerUnit: '镇（街道）城市管理办公室', maintenanceUnit: '镇（街道）城市管理办公室', weight: 2 },
  { major: '03', minor: '001', name: '公共厕所', responsibleDepartment: '区综合行政执法局', ownerUnit: '区环境卫生管理处', maintenanceUnit: '区环境卫生管理处', weight: 1 },
  { major: '03', minor: '003', name: '垃圾箱', responsibleDepartment: '区综合行政执法局', ownerUnit: '区环境卫生管理处', maintenanceUnit: '吴中环境服务有限公司', weight: 9, tag: 'bin' },
  { major: '03', minor: '004', name: '垃圾分类投放点', responsibleDepartment: '区综合行政执法局', ownerUnit: '村（社区）居民委员会', maintenanceUnit: '吴中环境服务有限公司', weight: 3, tag: 'bin' },
  { major: '03', minor: '007', name: '户外广告牌', responsibleDepartment: '区综合行政执法局', ownerUnit: '广告设置单位', maintenanceUnit: '广告设置单位', weight: 2 },
  { major: '04', minor: '001', name: '古树名木', responsibleDepartment: '区园林绿化管理处', ownerUnit: '区园林绿化管理处', maintenanceUnit: '区园林绿化管理处', weight: 1, tag: 'tree' },
  { major: '04', minor: '002', name: '行道树', responsibleDepartment: '区园林绿化管理处', ownerUnit: '区园林绿化管理处', maintenanceUnit: '吴中园林养护有限公司', weight: 12, tag: 'tree' },
  { major: '04', minor: '005', name: '花坛花箱', responsibleDepartment: '区园林绿化管理处', ownerUnit: '区园林绿化管理处', maintenanceUnit: '吴中园林养护有限公司', weight: 2 },
  { major: '05', minor: '001', name: '房屋安全监测点', responsibleDepartment: '区住房和城乡建设局', ownerUnit: '镇（街道）建设管理所', maintenanceUnit: '镇（街道）建设管理所', weight: 1 },
  { major: '06', minor: '001', name: '视频监控', responsibleDepartment: '苏州市公安局吴中分局', ownerUnit: '苏州市公安局吴中分局', maintenanceUnit: '中国电信吴中分公司', weight: 4 },
  { major: '06', minor: '002', name: '健身设施', responsibleDepartment: '区教育局', ownerUnit: '村（社区）居民委员会', maintenanceUnit: '村（社区）居民委员会', weight: 2 },
  { major: '06', minor: '003', name: '宣传栏', responsibleDepartment: '镇（街道）综合治理办公室', ownerUnit: '村（社区）居民委员会', maintenanceUnit: '村（社区）居民委员会', weight: 2 },
  { major: '06', minor: '005', name: '防汛物资点', responsibleDepartment: '区水务局', ownerUnit: '镇（街道）水务站', maintenanceUnit: '镇（街道）水务站', weight: 1 },
];
