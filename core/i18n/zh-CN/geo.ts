/** Messages of the geometry helpers (core/geo): locating a point in the grid tree. */
export const geo = {
  outsideDistrict:
    '该位置（经度 {{lng}}，纬度 {{lat}}）不在本辖区任何网格范围内。请在地图上重新选点，或核对坐标是否为本辖区的经纬度（WGS-84）。',
  noGrids: '本机尚无网格边界数据，无法确定所在网格。请先与区联动中心同步。',
  invalidPoint: '坐标无效：经度应在 -180 到 180 之间，纬度应在 -90 到 90 之间（收到经度 {{lng}}，纬度 {{lat}}）。',
  invalidBoundary: '网格「{{code}}」的边界数据有误：{{detail}}。请联系区联动中心信息科更正边界。',
  area: {
    squareMeters: '{{value}} 平方米',
    squareKilometers: '{{value}} 平方公里',
  },
} as const;
