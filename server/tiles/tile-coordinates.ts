// The z/x/y of a tile request, checked: a bad one is refused with a coded 400 naming the part at fault.
import type { TileCoordinates } from '../store/atlas-store.ts';
import type { TileLayer } from './tile-layer.ts';

/** A tile request the caller got wrong: code BAD_USER_INPUT, the field (z, x or y) and a message in both languages. */
export class TileRequestError extends Error {
  constructor(readonly field: 'z' | 'x' | 'y', vi: string, en: string) { super(`${vi} / ${en}`); }
}

const integer = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN);

/** Parse z, x and y ("12.mvt") for a layer: whole numbers, z within the layer's zooms, x and y within 0…2^z − 1. */
export function tileCoordinates(layer: TileLayer, z: string, x: string, yFile: string): TileCoordinates {
  const zoom = integer(z);
  if (!(zoom >= layer.minZoom && zoom <= layer.maxZoom)) {
    throw new TileRequestError('z', `z phải là số nguyên từ ${layer.minZoom} đến ${layer.maxZoom} cho lớp ${layer.name}`,
      `z must be a whole number from ${layer.minZoom} to ${layer.maxZoom} for layer ${layer.name}`);
  }
  const size = 2 ** zoom;
  const col = integer(x);
  if (!(col < size)) throw new TileRequestError('x', `x phải là số nguyên từ 0 đến ${size - 1} ở mức ${zoom}`, `x must be a whole number from 0 to ${size - 1} at zoom ${zoom}`);
  const m = /^(\d{1,9})\.mvt$/.exec(yFile);
  const row = m ? Number(m[1]) : NaN;
  if (!(row < size)) {
    throw new TileRequestError('y', `y phải là số nguyên từ 0 đến ${size - 1} ở mức ${zoom}, theo sau là .mvt`,
      `y must be a whole number from 0 to ${size - 1} at zoom ${zoom}, followed by .mvt`);
  }
  return { z: zoom, x: col, y: row };
}
