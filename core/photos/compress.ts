/**
 * Photo compression before storing and uploading: a phone photo of 4–8 MB becomes a JPEG of a
 * few hundred KB, which a village station's slow uplink can carry. The photo store takes a
 * compressor: the renderer's draws on a canvas (renderer/data/browserCompressor.ts); Node tests
 * inject their own.
 */

export interface CompressedImage {
  blob: Blob;
  mime: 'image/jpeg' | 'image/webp' | 'image/png';
  width: number;
  height: number;
}

export type ImageCompressor = (input: Blob) => Promise<CompressedImage>;

export class PhotoInputError extends Error {
  override readonly name = 'PhotoInputError';
}
