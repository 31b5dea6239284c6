/**
 * The file log district IT reads when a station calls: electron-log's file transport in
 * `<userData>/logs`, rotated by size and keeping a few old files, so a station left running
 * for months neither fills its disk nor loses yesterday's errors.
 */
import type { FileTransport, Hook, LogFile } from 'electron-log';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { redactSecrets } from '../core/redactSecrets';

export interface FileLogOptions {
  logsDir: string;
  /** Bytes before the current file is rotated. */
  maxSize?: number;
  /** Rotated files kept next to the current one (main.1.log … main.<keep>.log). */
  keep?: number;
}

export const LOG_FILE_NAME = 'main.log';

/** main.log → main.1.log → main.2.log …; the oldest is dropped. */
export function rotateLogFiles(current: string, keep: number): void {
  const numbered = (n: number): string => current.replace(/\.log$/, `.${n}.log`);
  rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  }
  renameSync(current, numbered(1));
}

export function configureFileLog(file: FileTransport, options: FileLogOptions): string {
  const path = join(options.logsDir, LOG_FILE_NAME);
  const keep = options.keep ?? 5;
  file.resolvePathFn = () => path;
  file.maxSize = options.maxSize ?? 2 * 1024 * 1024;
  file.archiveLogFn = (oldLogFile: LogFile) => {
    try {
      rotateLogFiles(oldLogFile.path, keep);
    } catch (error) {
      // Logging must never take the app down; the next write retries the rotation.
      console.error('log rotation failed', error);
    }
  };
  return path;
}

/** One logged value with its secrets hidden; errors stay errors (message and stack redacted). */
function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message));
    copy.name = value.name;
    copy.stack = redactSecrets(value.stack ?? '');
    return copy;
  }
  if (value !== null && typeof value === 'object') return redactSecrets(inspect(value, { depth: 4, breakLength: Infinity }));
  return value;
}

/**
 * Hides passwords, Authorization headers and logins in URLs in everything logged, whichever
 * module logged it (electron-updater logs its request options, sync errors carry URLs).
 */
export function redactLogSecrets(logger: { hooks: Hook[] }): void {
  logger.hooks.push((message) => ({ ...message, data: message.data.map(redactValue) }));
}
