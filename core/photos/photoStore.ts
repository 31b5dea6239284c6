/**
 * Photos of work orders and cases: compressed in the app, stored locally as the `image`
 * attachment of a `photo:<sha256>` doc, uploaded with that doc by the sync engine, and fetched
 * from the server on demand (then kept locally) on stations that did not take them.
 *
 * The id is the hash of the compressed bytes, so the same picture is stored once everywhere and
 * its doc never conflicts.
 */
import type { RxCollection } from 'rxdb';
import { docId, keyOfId, type PhotoDoc } from '../schema';
import { t } from '../i18n';
import type { ImageCompressor } from './compress';
import { PhotoInputError } from './compress';

/** A photo bigger than this after compression is refused (CouchDB attachments are kept small). */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
export const IMAGE_ATTACHMENT = 'image';

export interface PhotoStoreOptions {
  photos: RxCollection<PhotoDoc>;
  compress: ImageCompressor;
  /** Fetches an attachment from the server (StationSync.fetchAttachment); absent offline-only. */
  fetchAttachment?: (docId: string, name: string) => Promise<Blob>;
}

export interface NewPhoto {
  subjectId?: string;
  scope: string[];
  updatedBy: string;
  takenAt?: string;
}

export class PhotoNotFoundError extends Error {
  override readonly name = 'PhotoNotFoundError';
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PhotoStore {
  /** Compresses and stores a picture; returns its doc (an existing one for the same bytes). */
  add(input: Blob, meta: NewPhoto): Promise<PhotoDoc>;
  /** The compressed bytes: local if present, else fetched from the server and kept. */
  get(photoId: string): Promise<Blob>;
  /** Whether the bytes are on this machine (for "download on demand" indicators). */
  hasLocal(photoId: string): Promise<boolean>;
}

export function createPhotoStore(options: PhotoStoreOptions): PhotoStore {
  const { photos } = options;

  async function localBlob(photoId: string): Promise<Blob | null> {
    const doc = await photos.findOne(photoId).exec();
    const attachment = doc?.getAttachment(IMAGE_ATTACHMENT);
    return attachment ? attachment.getData() : null;
  }

  return {
    async add(input, meta) {
      const image = await options.compress(input);
      if (image.blob.size > MAX_PHOTO_BYTES) {
        throw new PhotoInputError(t('sync:photo.tooLarge', { size: `${(image.blob.size / 1048576).toFixed(1)} MB`, max: `${MAX_PHOTO_BYTES / 1048576} MB` }));
      }
      const sha256 = await sha256Hex(image.blob);
      const id = docId('photo', sha256);
      const existing = await photos.findOne(id).exec();
      if (existing?.getAttachment(IMAGE_ATTACHMENT)) return existing.toJSON() as PhotoDoc;
      const now = new Date().toISOString();
      const doc: PhotoDoc = {
        id,
        type: 'photo',
        scope: meta.scope,
        createdAt: now,
        updatedAt: now,
        updatedBy: meta.updatedBy,
        sha256,
        mime: image.mime,
        width: image.width,
        height: image.height,
        bytes: image.blob.size,
        ...(meta.subjectId ? { subjectId: meta.subjectId } : {}),
        ...(meta.takenAt ? { takenAt: meta.takenAt } : {}),
      };
      const stored = existing ?? (await photos.insert(doc));
      // The sync engine uploads a photo only once its bytes are attached (see push.ts).
      await stored.putAttachment({ id: IMAGE_ATTACHMENT, data: image.blob, type: image.mime });
      return doc;
    },

    async get(photoId) {
      const local = await localBlob(photoId);
      if (local) return local;
      if (!options.fetchAttachment) throw new PhotoNotFoundError(t('sync:photo.notFound', { id: keyOfId(photoId) }));
      const remote = await options.fetchAttachment(photoId, IMAGE_ATTACHMENT);
      // Keep it: a station opens the same order's photos again, often offline.
      const doc = await photos.findOne(photoId).exec();
      if (doc) {
        const data = new Blob([await remote.arrayBuffer()], { type: doc.mime });
        await doc.putAttachment({ id: IMAGE_ATTACHMENT, data, type: doc.mime });
      }
      return remote;
    },

    async hasLocal(photoId) {
      return (await localBlob(photoId)) !== null;
    },
  };
}
