// A photo of a supporting document sent from the field: small, and a JPEG or WebP by its own bytes.
import { imageSize } from 'image-size';
import { AtlasError } from '../errors.ts';
import type { FieldPhoto } from '../store/atlas-store.ts';

/** The largest photo kept (decoded): the device resizes before sending; a document stays legible well below this. */
export const PHOTO_MAX_BYTES = 600 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/webp'] as const;

const refuse = (reason: string, vi: string, en: string) => new AtlasError('BAD_USER_INPUT', `${vi} / ${en}`, { field: 'photo', reason });

/** The image type its first bytes say (JPEG's SOI marker, WebP's RIFF…WEBP header), or null for anything else. */
export function imageTypeOf(bytes: Buffer): (typeof PHOTO_TYPES)[number] | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Whether the bytes are a whole image of that type, not just its first bytes: image-size (a maintained header
 * parser) finds its dimensions, a JPEG ends with its EOI marker, and a WebP's RIFF size is the file's length.
 * A header glued to a script or a page is refused.
 */
export function isWholeImage(bytes: Buffer, type: (typeof PHOTO_TYPES)[number]): boolean {
  let size: { width?: number; height?: number; type?: string };
  try { size = imageSize(bytes); } catch { return false; }
  if (!(size.width && size.height) || size.type !== (type === 'image/jpeg' ? 'jpg' : 'webp')) return false;
  if (type === 'image/jpeg') return bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  return bytes.readUInt32LE(4) + 8 === bytes.length;
}

/**
 * The photo decoded and checked: the declared type one of PHOTO_TYPES, valid base64, at most PHOTO_MAX_BYTES, and
 * bytes that are that kind of image (the declared type alone proves nothing). Refused with a reason code otherwise:
 * PHOTO_TYPE, PHOTO_NOT_BASE64, PHOTO_TOO_LARGE, PHOTO_NOT_IMAGE, PHOTO_TYPE_MISMATCH.
 */
export function checkPhoto(mimeType: string, dataBase64: string): FieldPhoto {
  if (!(PHOTO_TYPES as readonly string[]).includes(mimeType)) {
    throw refuse('PHOTO_TYPE', `Ảnh phải là image/jpeg hoặc image/webp, không phải "${mimeType}"`, `The photo must be image/jpeg or image/webp, not "${mimeType}"`);
  }
  // Checked before decoding: a huge string is refused without allocating its bytes.
  if (dataBase64.length > Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 4) {
    throw refuse('PHOTO_TOO_LARGE', `Ảnh quá lớn (tối đa ${PHOTO_MAX_BYTES / 1024} kB)`, `The photo is too large (at most ${PHOTO_MAX_BYTES / 1024} kB)`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64) || dataBase64.length % 4 !== 0) {
    throw refuse('PHOTO_NOT_BASE64', 'Dữ liệu ảnh không phải base64', 'The photo data is not base64');
  }
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > PHOTO_MAX_BYTES) {
    throw refuse('PHOTO_TOO_LARGE', `Ảnh quá lớn (${Math.round(bytes.length / 1024)} kB, tối đa ${PHOTO_MAX_BYTES / 1024} kB)`,
      `The photo is too large (${Math.round(bytes.length / 1024)} kB, at most ${PHOTO_MAX_BYTES / 1024} kB)`);
  }
  const actual = imageTypeOf(bytes);
  if (!actual) throw refuse('PHOTO_NOT_IMAGE', 'Tệp gửi kèm không phải ảnh JPEG hay WebP', 'The attached file is not a JPEG or WebP image');
  if (actual !== mimeType) {
    throw refuse('PHOTO_TYPE_MISMATCH', `Ảnh là ${actual}, không phải ${mimeType} như đã khai`, `The photo is ${actual}, not ${mimeType} as declared`);
  }
  if (!isWholeImage(bytes, actual)) {
    throw refuse('PHOTO_NOT_IMAGE', 'Tệp gửi kèm không phải một ảnh JPEG hay WebP trọn vẹn', 'The attached file is not a whole JPEG or WebP image');
  }
  return { mimeType: actual, bytes };
}
