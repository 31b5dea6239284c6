/**
 * Why a write was refused (core/rules/writeRules.ts). These templates are also embedded in the
 * design doc's validate_doc_update, so the server's refusal reads exactly as the app's
 * pre-check: keep to plain `{{param}}` placeholders (no i18next formatting or plurals).
 */
export const rules = {
  noUnit: '用户「{{user}}」未分配站点、乡镇或区级角色，不能写入数据',
  deleteForbidden: '不能删除「{{id}}」：只有区级管理员可以删除数据，站点请改为作废',
  forgedHistory: '「{{id}}」的写入没有接在服务器上的当前版本之后（修订历史不符），已拒绝',
  badId: '文档编号「{{id}}」无效：应为「类型:编号」，编号只含字母、数字和 - _ .，总长不超过 {{max}} 个字符',
  tooLarge: '「{{id}}」太大：超过 {{max}} 个字符',
  tooDeep: '「{{id}}」的结构嵌套太深（{{detail}}，最多 {{max}} 层）',
  textTooLong: '「{{id}}」中有一段文字太长（{{detail}}，最多 {{max}} 个字符）',
  attachmentTooLarge: '「{{id}}」的附件超过 {{max}} MB',
  unknownType: '未知的文档类型「{{type}}」',
  idTypeMismatch: '文档编号「{{id}}」与类型「{{type}}」不符',
  missingField: '{{type}} 缺少必填字段「{{field}}」',
  badScope: '数据范围「{{scope}}」无效：应为从区到所属单位的代码链',
  scopeChanged: '不能更改数据范围（原为「{{from}}」，改为「{{to}}」）',
  outOfScope: '数据范围「{{scope}}」不包含本单位（{{unit}}），不能写入',
  districtOnly: '{{type}} 是区级参考数据，只有区中心可以修改（本单位：{{unit}}）',
  ownerOnly: '{{type}} 属于单位 {{owner}}，本单位（{{unit}}）不能修改',
  ownerNotWriter: '不能以单位 {{owner}} 的名义新建 {{type}}：新建的数据只能属于本单位（{{unit}}）',
  ownerChanged: '不能更改 {{type}} 的所属单位（原为 {{from}}，改为 {{to}}）',
  notHolder: '该工单当前由 {{holder}} 办理，本单位（{{unit}}）不能修改',
  holderOutOfScope: '不能把工单交给 {{holder}}：该单位不在工单的数据范围内',
  reopened: '已结案或已作废的工单不能重新打开，也不能转给其他单位',
  badHandover: '把工单交给 {{holder}} 的同时不能把状态改为这一状态：移交只发生在上报、退回、派遣、反馈和返工这些步骤',
  onTimeMismatch: '是否按期结案由办理期限和结案时间决定，不能另行填写',
  createOnly: '{{type}}「{{id}}」只能新建，不能修改',
  notWriterUnit: '事件记录的办理单位 {{byUnit}} 不是本单位（{{unit}}）：只能以本单位的名义记录',
  notWriterName: '事件记录的办理人「{{by}}」不是当前登录的账号「{{user}}」',
  clockAhead: '事件时间 {{at}} 比服务器时间快了 {{minutes}} 分钟以上：请校正本机时钟后重新提交',
  reportByOther: '只有工单所属单位 {{owner}} 可以登记该工单（记录单位：{{unit}}）',
  notSuperior: '只有上级单位可以督办（记录单位：{{unit}}）',
  notOwnStation: '站点状态 {{station}} 只能由该站点本身上报（本单位：{{unit}}）',
  statusIdMismatch: '站点状态 {{id}} 的编号与上报单位 {{station}} 不符',
} as const;
