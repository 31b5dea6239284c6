/**
 * Place names of the demo district: Suzhou's Wuzhong district (吴中区, 320506). Town and street
 * names are the district's own; village and community names are built from local place words,
 * so they sound right without claiming to be the real roster.
 */

export const DISTRICT_CODE = '320506';
export const districtName = '吴中区';

export type TownshipKind = 'street' | 'town';

/** Streets (街道) take township segments 001–099, towns (镇) 100–199. */
export const TOWNSHIPS: readonly { name: string; kind: TownshipKind }[] = [
  { name: '长桥街道', kind: 'street' },
  { name: '木渎镇', kind: 'town' },
  { name: '甪直镇', kind: 'town' },
  { name: '越溪街道', kind: 'street' },
  { name: '东山镇', kind: 'town' },
  { name: '郭巷街道', kind: 'street' },
  { name: '光福镇', kind: 'town' },
  { name: '横泾街道', kind: 'street' },
  { name: '临湖镇', kind: 'town' },
  { name: '城南街道', kind: 'street' },
  { name: '胥口镇', kind: 'town' },
  { name: '香山街道', kind: 'street' },
  { name: '金庭镇', kind: 'town' },
  { name: '太湖街道', kind: 'street' },
  { name: '苏苑街道', kind: 'street' },
  { name: '龙西街道', kind: 'street' },
];

/** Local place words for village (村) and community (社区) names. */
export const PLACE_STEMS = [
  '尧南', '旺山', '天平', '灵岩', '香溪', '金山', '藏书', '穹窿', '渔洋', '五峰', '蔡仙', '上林',
  '新峰', '杨湾', '陆巷', '三山', '碧螺', '槎湾', '双湾', '潦里', '张桥', '澄湖', '淞南', '甫田',
  '瑶盛', '迎湖', '车坊', '淞港', '郭新', '石湖', '越湖', '旺吴', '溪上', '吴山', '宝带', '东湖',
  '南石', '塘桥', '新郭', '龙桥', '迎春', '宝华', '碧波', '红庄', '宝南', '友新', '苏蠡', '菱塘',
  '南湖', '景湾', '梅舍', '采香', '蒋墩', '溪港', '胥虹', '茅蓬', '马舍', '浦庄', '前塘', '湖桥',
  '渡村', '东吴', '堂里', '缥缈', '石公', '涵村', '植里', '秉常', '明湾', '后埠', '冲山', '香雪',
  '窑上', '迂里', '邓尉', '安山', '西崦', '玄墓', '铜坑', '舟山', '下淹', '上方', '横山', '越来',
  '姑胥', '澹台', '吴淞', '甪端', '田肚', '湖浜', '凤凰', '金星', '枫桥', '木林', '双浜', '清溪',
] as const;

/** Added to a stem when the stem alone is taken: 灵岩东, 香溪新 … */
export const STEM_SUFFIXES = ['', '东', '西', '南', '北', '新', '中', '前', '后'] as const;

export const ROAD_STEMS = [
  '东吴', '宝带', '长蠡', '越溪', '吴中', '苏蠡', '宝丰', '郭巷', '尹山湖', '独墅湖', '木东', '香港',
  '金山', '灵天', '中山', '藏书', '甪端', '晓市', '鸿福', '启园', '金湖', '太湖', '香溪', '吴山',
] as const;
export const ROAD_KINDS = ['路', '街', '大道', '巷'] as const;
