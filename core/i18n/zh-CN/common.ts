/** Words shared by every screen and message. */
export const common = {
  appName: '网格联动工作站',
  ok: '确定',
  cancel: '取消',
  save: '保存',
  retry: '重试',
  close: '关闭',
  loading: '加载中…',
  /** A masked personal value shown in full on purpose (renderer/ui/RevealValue.tsx). */
  reveal: '显示',
  hide: '隐藏',
  revealLabel: '显示完整的{{what}}',
  hideLabel: '隐藏完整的{{what}}',
} as const;
