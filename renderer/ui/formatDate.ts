/** Dates as clerks write them: 2025-03-08 14:30, in the workstation's local time. */
import dayjs from 'dayjs';

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = dayjs(iso);
  return date.isValid() ? date.format('YYYY-MM-DD HH:mm') : '';
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = dayjs(iso);
  return date.isValid() ? date.format('YYYY-MM-DD') : '';
}
