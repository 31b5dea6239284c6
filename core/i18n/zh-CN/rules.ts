/**
 * Why a write was refused (core/rules/writeRules.ts). These templates are also embedded in the
 * design doc's validate_doc_update, so the server's refusal reads exactly as the app's
 * pre-check: keep to plain `{{param}}` placeholders (no i18next formatting or plurals).
 */
export const rules = {
  noUnit: '用户「{{user}}」未分配站点、乡镇或区级角色，不能写入数据',
  deleteForbidden: '不能删除「{{id}}」：只有区级管理员可以删除数据，站点请改为作废',
  badId: '文档编号「{{id}}」无效：应为「类型:编号」',
  unknownType: '未知的文档类型「{{type}}」',
  idTypeMismatch: '文档编号「{{id}}」与类型「{{type}}」不符',
  missingField: '{{type}} 缺少必填字段「{{field}}」',
  badScope: '数据范围「{{scope}}」无效：应为从区到所属单位的代码链',
  scopeChanged: '不能更改数据范围（原为「{{from}}」，改为「{{to}}」）',
  outOfScope: '数据范围「{{scope}}」不包含本单位（{{unit}}），不能写入',
  districtOnly: '{{type}} 是区级参考数据，只有区中心可以修改（本单位：{{unit}}）',
  ownerOnly: '{{type}} 属于单位 {{owner}}，本单位（{{unit}}）不能修改',
  notHolder: '该工单当前由 {{holder}} 办理，本单位（{{unit}}）不能修改',
  holderOutOfScope: '不能把工单交给 {{holder}}：该单位不在工单的数据范围内',
  createOnly: '{{type}}「{{id}}」只能新建，不能修改',
  notOwnStation: '站点状态 {{station}} 只能由该站点本身上报（本单位：{{unit}}）',
} as const;
