/**
 * The release notes of an offered update, for the 关于本机 panel. electron-updater hands them
 * over with the feed it read; they are kept only from a feed whose signature verifies (the
 * notes are among the signed fields), and added to the statuses of that same version.
 *
 * Create it before the update service: its listener must have stored the notes when the
 * service's own 'update-available' listener sends the status.
 */
import type { UpdateInfo } from 'electron-updater';
import { RELEASE_NOTES_MAX } from '../core/releases/signedFeed';
import type { UpdateStatus } from '../ipc/contract';
import { isFeedSignedBy } from './updateSignature';
import type { UpdaterLike } from './updateService';


/** electron-updater's releaseNotes (a string, maybe HTML, or one note per version) as plain text. */
export function notesText(notes: UpdateInfo['releaseNotes'] | unknown): string | null {
  const raw = typeof notes === 'string'
    ? notes
    : Array.isArray(notes)
      ? notes.map((entry: { note?: unknown }) => (typeof entry?.note === 'string' ? entry.note : '')).join('\n\n')
      : '';
  const text = raw
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? null : text.slice(0, RELEASE_NOTES_MAX);
}

export function trackReleaseNotes(updater: Pick<UpdaterLike, 'on'>, publicKey: string | null): (status: UpdateStatus) => UpdateStatus {
  const byVersion = new Map<string, string>();
  updater.on('update-available', (info: UpdateInfo) => {
    if (publicKey === null || !isFeedSignedBy(info as UpdateInfo & Record<string, unknown>, publicKey)) return;
    const text = notesText(info.releaseNotes);
    if (text !== null) byVersion.set(info.version, text);
  });
  return (status) => {
    if (status.state !== 'available' && status.state !== 'downloading' && status.state !== 'ready') return status;
    const notes = byVersion.get(status.version);
    return notes === undefined ? status : { ...status, notes };
  };
}
