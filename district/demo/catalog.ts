/**
 * The demo event list (事件清单): the 4 major categories of DOMAIN.md, 12 subcategories each,
 * 3–4 problem items per subcategory with the handling department and a time limit in working
 * hours. Item codes are major (2) + subcategory (3) + item (3), numbered in list order.
 */
import type { EventMajorCode } from '../../core/schema';

/** Component kinds an item concerns, so a work order can point at the broken component. */
export type ComponentTag = 'manhole' | 'lamp' | 'sign' | 'guardrail' | 'tree' | 'bin' | 'busShelter' | 'hydrant';

/** [name, handling department code, time limit in working hours, component kind?] */
type ItemRow = readonly [string, string, number, ComponentTag?];

interface SubcategoryRows {
  name: string;
  items: readonly ItemRow[];
}

const ROWS: Record<EventMajorCode, readonly SubcategoryRows[]> = {
  '01': [
    { name: '矛盾纠纷', items: [['邻里纠纷', 'SFS', 72], ['婚姻家庭纠纷', 'SFS', 72], ['房屋宅基地纠纷', 'SFS', 120]] },
    { name: '劳资纠纷', items: [['劳资纠纷隐患', 'LDJC', 48], ['拖欠农民工工资', 'LDJC', 48], ['企业裁员风险', 'RS', 72]] },
    { name: '群体性事件隐患', items: [['群体性上访苗头', 'XFJ', 24], ['聚集滋事隐患', 'PCS', 8], ['非法集资线索', 'GA', 48]] },
    { name: '治安隐患', items: [['出租房屋治安隐患', 'PCS', 48], ['群租房', 'ZHZF', 72], ['可疑人员', 'PCS', 8]] },
    { name: '特殊人群服务管理', items: [['社区矫正对象异常', 'SFS', 24], ['严重精神障碍患者肇事肇祸隐患', 'WJ', 24], ['吸毒人员异常', 'PCS', 24]] },
    { name: '信访维稳', items: [['重复信访', 'XFJ', 72], ['越级上访苗头', 'XFJ', 24], ['涉稳信息', 'ZZB', 24]] },
    { name: '征地拆迁', items: [['征收补偿争议', 'ZJ', 120], ['拆迁安置矛盾', 'ZJ', 120], ['违规强拆投诉', 'ZHZF', 48]] },
    { name: '物业管理', items: [['物业服务纠纷', 'ZJ', 72], ['小区业委会矛盾', 'ZJ', 120], ['物业费收缴纠纷', 'SFS', 120]] },
    { name: '消费维权', items: [['消费纠纷', 'SCJG', 72], ['预付卡经营者失联', 'SCJG', 48], ['虚假宣传', 'SCJG', 120]] },
    { name: '校园周边', items: [['校园周边治安隐患', 'PCS', 24], ['校园周边无证摊贩', 'ZHZF', 24], ['学生欺凌线索', 'JY', 24]] },
    { name: '宗教与邪教', items: [['非法宗教活动', 'ZZB', 48], ['私设宗教活动点', 'ZZB', 72], ['涉邪教线索', 'PCS', 24]] },
    { name: '网络舆情', items: [['涉本地负面舆情', 'ZZB', 8], ['网络谣言', 'PCS', 24], ['电信网络诈骗线索', 'PCS', 24]] },
  ],
  '02': [
    { name: '大气污染', items: [['露天焚烧垃圾', 'ZHZF', 8], ['企业废气超标排放', 'STHJ', 48], ['餐饮油烟扰民', 'ZHZF', 72], ['工地扬尘', 'ZJ', 24]] },
    { name: '水污染', items: [['河道漂浮物', 'SW', 24], ['污水直排河道', 'STHJ', 48], ['黑臭水体', 'SW', 120]] },
    { name: '噪声污染', items: [['噪声扰民', 'ZHZF', 24], ['夜间施工噪声', 'ZJ', 8], ['工业企业噪声', 'STHJ', 72], ['社会生活噪声', 'PCS', 8]] },
    { name: '固体废物', items: [['建筑垃圾乱倒', 'ZHZF', 24], ['危险废物非法处置', 'STHJ', 24], ['生活垃圾堆积', 'HW', 24]] },
    { name: '垃圾分类', items: [['垃圾分类投放不规范', 'CGB', 48], ['分类垃圾混收混运', 'HW', 48], ['垃圾桶满溢', 'HW', 8, 'bin'], ['垃圾桶破损', 'HW', 48, 'bin']] },
    { name: '河湖管理', items: [['河道违法养殖', 'SW', 120], ['侵占河道岸线', 'SW', 120], ['太湖非法捕捞', 'NY', 24]] },
    { name: '农业面源污染', items: [['秸秆焚烧', 'NY', 8], ['违规施用农药', 'NY', 72], ['畜禽散养污染', 'NY', 72]] },
    { name: '市容秩序', items: [['占道经营', 'ZHZF', 24], ['乱张贴乱涂写', 'CGB', 48], ['沿街乱晾晒', 'CGB', 48], ['店外经营', 'ZHZF', 24]] },
    { name: '园林绿化', items: [['毁绿占绿', 'LH', 72], ['树木倒伏', 'LH', 8, 'tree'], ['绿化缺株', 'LH', 240, 'tree']] },
    { name: '违法建设', items: [['违章搭建', 'ZHZF', 120], ['装修破坏承重结构', 'ZJ', 24], ['擅自改变房屋用途', 'ZHZF', 120]] },
    { name: '户外广告', items: [['违规设置户外广告', 'ZHZF', 72], ['广告牌破损', 'CGB', 48], ['店招店牌脱落隐患', 'CGB', 24]] },
    { name: '生态保护', items: [['违法占用林地', 'ZRZY', 120], ['非法采砂取土', 'ZRZY', 48], ['野生动物非法交易', 'NY', 24]] },
  ],
  '03': [
    { name: '消防安全', items: [['消防通道堵塞', 'XF', 24], ['电动自行车违规充电', 'XF', 8], ['消火栓损坏', 'XF', 48, 'hydrant'], ['“三合一”场所违规住人', 'XF', 24]] },
    { name: '燃气安全', items: [['燃气泄漏', 'RQ', 2], ['瓶装液化气违规使用', 'YJGL', 24], ['燃气管道被占压', 'RQ', 72]] },
    { name: '建筑施工安全', items: [['工地安全防护缺失', 'ZJ', 24], ['脚手架安全隐患', 'ZJ', 24], ['深基坑安全隐患', 'ZJ', 24]] },
    { name: '危险化学品', items: [['危化品违规储存', 'YJGL', 24], ['非法加油点', 'YJGL', 24], ['危化品运输隐患', 'JJ', 24]] },
    { name: '工贸企业安全', items: [['有限空间作业隐患', 'AJB', 24], ['企业安全生产隐患', 'AJB', 48], ['粉尘涉爆隐患', 'YJGL', 24]] },
    { name: '道路交通安全', items: [['交通信号灯故障', 'JJ', 8, 'sign'], ['道路塌陷', 'JT', 4], ['交通护栏损坏', 'JT', 48, 'guardrail']] },
    { name: '房屋安全', items: [['危房险房', 'ZJ', 24], ['房屋外墙脱落', 'ZJ', 24], ['自建房安全隐患', 'ZJ', 72]] },
    { name: '防汛防台', items: [['河道堤防险情', 'SW', 2], ['低洼积水', 'SW', 8], ['排水设施堵塞', 'SW', 24, 'manhole']] },
    { name: '特种设备', items: [['电梯故障困人', 'SCJG', 2], ['锅炉压力容器隐患', 'SCJG', 48], ['游乐设施隐患', 'SCJG', 24]] },
    { name: '公共设施安全', items: [['井盖缺失', 'SW', 4, 'manhole'], ['井盖破损', 'SW', 8, 'manhole'], ['路灯杆倾斜', 'ZHZF', 24, 'lamp'], ['井盖异响松动', 'SW', 48, 'manhole']] },
    { name: '用电安全', items: [['私拉乱接电线', 'GD', 24], ['变压器异常', 'GD', 8], ['电线杆倾斜', 'GD', 24]] },
    { name: '食品安全', items: [['无证食品经营', 'SCJG', 48], ['销售过期食品', 'SCJG', 24], ['食品小作坊卫生隐患', 'SCJG', 48]] },
  ],
  '04': [
    { name: '市政设施', items: [['路灯不亮', 'ZHZF', 48, 'lamp'], ['道路破损', 'JT', 72], ['路名牌缺失', 'JT', 120, 'sign']] },
    { name: '供水服务', items: [['停水', 'GS', 8], ['水压不足', 'GS', 48], ['供水管道漏水', 'GS', 8]] },
    { name: '供电服务', items: [['停电', 'GD', 4], ['电压不稳', 'GD', 48], ['电表异常', 'GD', 72]] },
    { name: '通信服务', items: [['通信线缆垂落', 'TX', 24], ['宽带故障', 'TX', 48], ['通信井盖破损', 'TX', 48, 'manhole']] },
    { name: '环境卫生', items: [['公厕保洁不到位', 'HW', 24], ['道路保洁不到位', 'HW', 24], ['垃圾清运不及时', 'HW', 24, 'bin']] },
    { name: '社会保障', items: [['养老金领取咨询', 'RS', 120], ['医保参保问题', 'RS', 120], ['低保救助申请', 'MZ', 240]] },
    { name: '公共交通', items: [['公交站亭破损', 'JT', 72, 'busShelter'], ['公交线路调整诉求', 'JT', 240], ['共享单车乱停放', 'CGB', 24]] },
    { name: '停车管理', items: [['小区停车难', 'ZJ', 240], ['僵尸车占用车位', 'JJ', 72], ['机动车违法占道停车', 'JJ', 24]] },
    { name: '绿化养护', items: [['树枝遮挡路灯', 'LH', 72, 'tree'], ['绿化带杂草丛生', 'LH', 72], ['行道树病虫害', 'LH', 120, 'tree']] },
    { name: '居民服务', items: [['独居老人关爱需求', 'MZ', 24], ['残疾人帮扶需求', 'MZ', 72], ['流浪乞讨人员救助', 'MZ', 8]] },
    { name: '教育卫生', items: [['入学咨询', 'JY', 120], ['疫苗接种咨询', 'WJ', 72], ['病媒生物滋生', 'WJ', 48]] },
    { name: '动物管理', items: [['流浪犬扰民', 'PCS', 24], ['违规养犬', 'PCS', 48], ['动物尸体清理', 'HW', 8]] },
  ],
};

export interface DemoCatalogItem {
  code: string;
  name: string;
  majorCode: EventMajorCode;
  subcategoryCode: string;
  subcategoryName: string;
  departmentCode: string;
  timeLimitHours: number;
  componentTag?: ComponentTag;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const CATALOG_VERSION = '2025.1';

export const CATALOG_ITEMS: readonly DemoCatalogItem[] = (Object.keys(ROWS) as EventMajorCode[]).flatMap((majorCode) =>
  ROWS[majorCode].flatMap((sub, s) =>
    sub.items.map(([name, departmentCode, timeLimitHours, componentTag], i) => ({
      code: `${majorCode}${pad(s + 1, 3)}${pad(i + 1, 3)}`,
      name,
      majorCode,
      subcategoryCode: `${majorCode}${pad(s + 1, 3)}`,
      subcategoryName: sub.name,
      departmentCode,
      timeLimitHours,
      ...(componentTag ? { componentTag } : {}),
    })),
  ),
);
