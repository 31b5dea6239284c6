/** "3 分钟前": when something happened, as a clerk says it; refreshed while a screen stays open. */
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';

dayjs.extend(relativeTime);

export function fromNow(iso: string, now: Date = new Date()): string {
  const at = dayjs(iso);
  if (!at.isValid()) return '';
  // A clock a few seconds ahead of the server's must not say "几秒后".
  return at.isAfter(now) ? dayjs(now).locale('zh-cn').fromNow() : at.locale('zh-cn').from(now);
}

