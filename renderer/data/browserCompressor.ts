/**
 * The renderer's photo compressor: createImageBitmap + OffscreenCanvas, a JPEG of at most 1600
 * pixels on the long edge (see core/photos/compress.ts for why).
 */
import { t } from '../../core/i18n';
import { PhotoInputError, type ImageCompressor } from '../../core/photos/compress';

export interface BrowserCompressorOptions {
  /** Longest edge in pixels after scaling (default 1600). */
  maxEdge?: number;
  /** JPEG quality 0–1 (default 0.8). */
  quality?: number;
}

/** True where the browser compressor can run (renderer, workers, headless Chromium). */
export function canCompressInBrowser(): boolean {
  return typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function';
}

export function browserCompressor(options: BrowserCompressorOptions = {}): ImageCompressor {
  const maxEdge = options.maxEdge ?? 1600;
  const quality = options.quality ?? 0.8;
  return async (input) => {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(input);
    } catch {
      throw new PhotoInputError(t('sync:photo.notImage'));
    }
    const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoInputError(t('sync:photo.notImage'));
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    return { blob, mime: 'image/jpeg', width, height };
  };
}
