/**
 * The name of an exported workbook: "<what>-<date>.xlsx", the date the workstation's own
 * (Asia/Shanghai on a district's PCs), as every date the app shows. An export at 00:55 on
 * 12-05 in Beijing is dated 12-05, not the UTC day before.
 */
import { formatDate } from './formatDate';

export function exportFileName(what: string, at: Date = new Date()): string {
  return `${what}-${formatDate(at.toISOString())}.xlsx`;
}
