// The cut national tiles kept on disk, one file per version of the seeds and of the cut: a portal that restarts (or a
// second portal on the same machine) loads a few MB instead of cutting them again for seconds. The file's name holds
// the hash of seeds/vietnam/'s units and of what shapes the cut, so a changed seed or cut never reads an old file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NATIONAL_MAX_ZOOM, NATIONAL_MIN_ZOOM, NATIONAL_NAMES_FROM_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import { TILE_BUFFER, TILE_EXTENT } from './encode-tile.ts';
import type { NationalTilesOfZoom } from './national-tile-worker.ts';

/** Raise when what national-tile-worker.ts writes into a tile changes (properties, simplification…). */
const CUT_VERSION = 2;

/** The file of the tiles cut from the seeds of `seedDir`, in `dir`. */
export function nationalTileFile(dir: string, seedDir: string): string {
  const hash = createHash('sha256');
  for (const f of ['communes.json.gz', 'provinces.json.gz']) hash.update(readFileSync(join(seedDir, f)));
  hash.update(JSON.stringify([CUT_VERSION, NATIONAL_MIN_ZOOM, NATIONAL_MAX_ZOOM, NATIONAL_NAMES_FROM_ZOOM, TILE_EXTENT, TILE_BUFFER]));
  return join(dir, `national-tiles-${hash.digest('hex').slice(0, 16)}.bin`);
}

// Layout: a 4-byte length, a JSON list of [layer, z, [[x, y, length], …]], then every tile's bytes in that order.

/** The zooms kept in `file`, or null when there is no such file (or it is damaged: the tiles are cut again). */
export async function readNationalTileFile(file: string): Promise<NationalTilesOfZoom[] | null> {
  let bytes: Buffer;
  try { bytes = await readFile(file); } catch { return null; }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as Array<[NationalTilesOfZoom['layer'], number, Array<[number, number, number]>]>;
    let at = 4 + headerLength;
    const zooms = header.map(([layer, z, tiles]) => ({
      layer, z,
      tiles: tiles.map(([x, y, length]): [number, number, Uint8Array] => {
        const tile = new Uint8Array(bytes.buffer, bytes.byteOffset + at, length);
        at += length;
        return [x, y, tile];
      }),
    }));
    if (at !== bytes.length) throw new Error(`${bytes.length - at} bytes left over`);
    return zooms;
  } catch (e) {
    console.error(`The national tiles in ${file} cannot be read (${(e as Error).message}); they are cut again`);
    return null;
  }
}

/** Keep the cut zooms in `file` (written beside it, then renamed: a reader never sees half a file). */
export async function writeNationalTileFile(file: string, zooms: NationalTilesOfZoom[]): Promise<void> {
  const header = Buffer.from(JSON.stringify(zooms.map((z) => [z.layer, z.z, z.tiles.map(([x, y, t]) => [x, y, t.byteLength])])), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const part = `${file}.${process.pid}.part`;
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(part, Buffer.concat([length, header, ...zooms.flatMap((z) => z.tiles.map(([, , t]) => t))]));
  await rename(part, file);
}
