/**
 * The one message catalogue (Simplified Chinese) and the i18next instance that reads it. It
 * lives in sync/ because every world speaks to users: the renderer's screens, the rules that
 * explain a refused write, the district CLI's messages. Each area keeps its namespace in its
 * own file under zh-CN/; add a namespace here when you add a file.
 */
import i18next from 'i18next';
import { common } from './zh-CN/common';
import { sync } from './zh-CN/sync';
import { app } from './zh-CN/app';
import { codes } from './zh-CN/codes';
import { shell } from './zh-CN/shell';
import { geo } from './zh-CN/geo';
import { registry } from './zh-CN/registry';
import { rules } from './zh-CN/rules';
import { district } from './zh-CN/district';
import { mediation } from './zh-CN/mediation';
import { workorders } from './zh-CN/workorders';
import { syncUi } from './zh-CN/syncUi';
import { stats } from './zh-CN/stats';

export const zhCN = {
  sync,
  shell,
  common,
  app,
  codes,
  geo,
  registry,
  rules,
  district,
  mediation,
  workorders,
  syncUi,
  stats,
} as const;

export type Namespace = keyof typeof zhCN;

export const i18n = i18next.createInstance();
void i18n.init({
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  resources: { 'zh-CN': zhCN },
  defaultNS: 'common',
  ns: Object.keys(zhCN),
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** `t('sync:offline')`, `t('rules:scope', { code })`: a message from the catalogue. */
export const t = i18n.t.bind(i18n);
