/**
 * The current list as an .xlsx file, for the monthly report: the columns clerks print, dates in
 * China time, 按期/超期 spelled out.
 */
import ExcelJS from 'exceljs';
import { t } from '../../../core/i18n';
import type { TicketDoc } from '../../../core/schema';
import { formatDateTime } from '../../ui/formatDate';

export interface ExportNames {
  grid: (code: string) => string;
  catalog: (code: string | undefined) => string;
  department: (code: string | undefined) => string;
  unit: (code: string) => string;
}

export async function workordersWorkbook(rows: readonly TicketDoc[], names: ExportNames): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gridlink';
  const sheet = book.addWorksheet(t('workorders:export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const f = (key: string) => t(`workorders:fields.${key}`);
  sheet.columns = [
    { header: f('number'), key: 'number', width: 26 },
    { header: f('state'), key: 'state', width: 10 },
    { header: f('source'), key: 'source', width: 12 },
    { header: f('catalogItem'), key: 'item', width: 22 },
    { header: f('department'), key: 'department', width: 22 },
    { header: f('grid'), key: 'grid', width: 22 },
    { header: f('address'), key: 'address', width: 30 },
    { header: f('description'), key: 'description', width: 50 },
    { header: f('priority'), key: 'priority', width: 8 },
    { header: f('holder'), key: 'holder', width: 18 },
    { header: f('reportedAt'), key: 'reportedAt', width: 18 },
    { header: f('deadline'), key: 'deadline', width: 18 },
    { header: f('closedAt'), key: 'closedAt', width: 18 },
    { header: f('onTime'), key: 'onTime', width: 8 },
  ];
  for (const row of rows) {
    sheet.addRow({
      number: row.number,
      state: t(`app:workorders.states.${row.state}`),
      source: t(`app:workorders.sources.${row.source}`),
      item: names.catalog(row.catalogItemCode),
      department: names.department(row.departmentCode),
      grid: names.grid(row.gridCode),
      address: row.address ?? '',
      description: row.description,
      priority: t(`workorders:priorities.${row.priority}`),
      holder: names.unit(row.holderCode),
      reportedAt: formatDateTime(row.reportedAt),
      deadline: formatDateTime(row.deadline),
      closedAt: formatDateTime(row.closedAt ?? ''),
      onTime: row.state === 'closed' ? t(`workorders:onTime.${row.onTime === false ? 'no' : 'yes'}`) : '',
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: 'A1', to: 'N1' };
  return (await book.xlsx.writeBuffer()) as ArrayBuffer;
}
