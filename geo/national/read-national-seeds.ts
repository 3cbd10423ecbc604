// Reads seeds/vietnam/ (gzip JSON) and checks its shape: the national reference units, read-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { NationalCommuneSeed, NationalProvinceSeed, NationalSourceSeed, NationalStatisticsSeed } from './national-seed-types.ts';

export interface NationalSeeds {
  provinces: NationalProvinceSeed[];
  communes: NationalCommuneSeed[];
  statistics: NationalStatisticsSeed;
  source: NationalSourceSeed;
}

const readGzJson = (path: string): unknown => JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));

/** The national seeds of `dir`; throws naming the file, row and code at fault when one is malformed. */
export function readNationalSeeds(dir: string): NationalSeeds {
  const provinces = readGzJson(join(dir, 'provinces.json.gz')) as NationalProvinceSeed[];
  const communes = readGzJson(join(dir, 'communes.json.gz')) as NationalCommuneSeed[];
  const statistics = JSON.parse(readFileSync(join(dir, 'national-statistics.json'), 'utf8')) as NationalStatisticsSeed;
  const source = JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8')) as NationalSourceSeed;
  const provinceCodes = new Set(provinces.map((p) => p.code));
  provinces.forEach((p, i) => {
    if (!/^\d{2}$/.test(p.code)) throw new Error(`provinces.json.gz row ${i + 1}: code "${p.code}" is not two digits`);
    if (p.name !== p.name.normalize('NFC')) throw new Error(`provinces.json.gz row ${i + 1} (${p.code}): name is not NFC`);
  });
  communes.forEach((c, i) => {
    const at = `communes.json.gz row ${i + 1} (${c.code})`;
    if (!/^\d{5}$/.test(c.code)) throw new Error(`${at}: code is not five digits`);
    if (!provinceCodes.has(c.provinceCode)) throw new Error(`${at}: province ${c.provinceCode} is not in provinces.json.gz`);
    if (c.name !== c.name.normalize('NFC')) throw new Error(`${at}: name is not NFC`);
    if (c.geometry && c.geometry.type !== 'MultiPolygon') throw new Error(`${at}: geometry is not a MultiPolygon`);
  });
  return { provinces, communes, statistics, source };
}
