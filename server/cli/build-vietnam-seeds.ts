// `npx tsx server/cli/build-vietnam-seeds.ts <raw national dir>`: writes seeds/vietnam/{provinces,communes}.json.gz
// from lamngockhuong/vietnam-3d-map's national files (run by hand when the source changes; never at run or test time).
// What it changes is listed in seeds/vietnam/PROVENANCE.md: joined metadata, closed rings, NFC text, dropped density.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { booleanPointInPolygon, distance } from '@turf/turf';
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import { geodesicAreaKm2 } from '../../geo/geodesic-area.ts';
import type { NationalCommuneSeed, NationalOutlineSizes, NationalProvinceSeed } from '../../geo/national/national-seed-types.ts';

// The raw files are not part of the repository: their folder is given on the command line.
const rawDir = process.argv[2];
if (!rawDir) {
  console.error('Usage: npx tsx server/cli/build-vietnam-seeds.ts <folder with provinces.json, wards/ and wards-metadata/>');
  process.exit(2);
}
const outDir = new URL('../../seeds/vietnam/', import.meta.url).pathname;

interface RawUnit { id: string; name: string; type: string; area: number; population: number; center: [number, number]; polygons: number[][][] }
interface RawMeta { name: string; type: string; area: number | null; population: number | null; adminCenter?: string; beforeMerger?: string; longitude?: number; latitude?: number }

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const nfc = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** The source's rings are separate polygons (islands), some left open: close each and keep 5 decimals as given. */
function multiPolygon(rings: number[][][]): { type: 'MultiPolygon'; coordinates: number[][][][] } {
  return {
    type: 'MultiPolygon',
    coordinates: rings.filter((r) => r.length >= 3).map((r) => {
      const ring = r.map(([x, y]) => [x, y]);
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) ring.push([a[0], a[1]]);
      return [ring];
    }),
  };
}

// The metadata files' province labels are shuffled and their figures differ slightly from the wards' (PROVENANCE):
// join each ward on its folded name and position (the metadata point inside the ward's outline, else within 5 km of
// its centre), never on the file's province label. Each record is used once.
const metadata = new Map<string, RawMeta[]>();
for (const f of readdirSync(join(rawDir, 'wards-metadata')).filter((n) => /^\d+\.json$/.test(n))) {
  for (const m of (readJson(join(rawDir, 'wards-metadata', f)) as { wards: RawMeta[] }).wards) {
    const k = foldDiacritics(m.name);
    metadata.set(k, [...(metadata.get(k) ?? []), m]);
  }
}
const used = new Set<RawMeta>();
/** The metadata record of a ward, when one lies in it or near it. */
function metadataOf(w: RawUnit): RawMeta | undefined {
  const candidates = (metadata.get(foldDiacritics(w.name)) ?? []).filter((m) => !used.has(m) && m.longitude != null && m.latitude != null);
  const outline = multiPolygon(w.polygons);
  const inside = candidates.filter((m) => booleanPointInPolygon([m.longitude!, m.latitude!], outline));
  const near = candidates.map((m) => ({ m, km: distance(w.center, [m.longitude!, m.latitude!]) })).filter((c) => c.km <= 5).sort((a, b) => a.km - b.km);
  const found = inside.length === 1 ? inside[0] : near[0]?.m;
  if (found) used.add(found);
  return found;
}
// "đang cập nhật" (being updated) is not an address.
const known = (s: string | undefined) => (s && !/^đang cập nhật/i.test(nfc(s)) ? nfc(s) : null);

const provincesRaw = (readJson(join(rawDir, 'provinces.json')) as { provinces: RawUnit[] }).provinces;
const provinces: NationalProvinceSeed[] = provincesRaw.map((p) => ({
  code: p.id, name: nfc(p.name), type: nfc(p.type), areaKm2: p.area, population: p.population,
  centre: p.center, geometry: multiPolygon(p.polygons),
})).sort((a, b) => a.code.localeCompare(b.code));

const communes: NationalCommuneSeed[] = [];
let unmatched = 0;
for (const p of provinces) {
  const file = join(rawDir, 'wards', `${p.code}.json`);
  const raw = readJson(file) as { provinceId: string; wards: RawUnit[] };
  if (raw.provinceId !== p.code) throw new Error(`${file}: provinceId ${raw.provinceId}, expected ${p.code}`);
  for (const w of raw.wards) {
    const meta = metadataOf(w);
    const geometry = w.polygons?.length ? multiPolygon(w.polygons) : null;
    if (!meta) unmatched++;
    // One source code lost its leading zero ("5665", Văn Lăng, Thái Nguyên, whose neighbours are 05xxx): codes are five digits.
    const code = /^\d{4}$/.test(w.id) ? `0${w.id}` : w.id;
    if (code !== w.id) console.log(`code ${w.id} (${w.name}) written as ${code}`);
    communes.push({
      code, name: nfc(w.name), type: nfc(w.type), provinceCode: p.code,
      areaKm2: w.area, population: w.population, centre: w.center,
      adminCentre: known(meta?.adminCenter),
      formerUnits: meta?.beforeMerger ? meta.beforeMerger.split(',').map(nfc).filter(Boolean) : null,
      geometry,
      // Measured once here (3 s for the country): the portal and its tests read it, tests re-measure a sample.
      measuredAreaKm2: geometry ? round3(geodesicAreaKm2(geometry)) : null,
    });
  }
}
communes.sort((a, b) => a.code.localeCompare(b.code));

const write = (name: string, value: unknown) => {
  const bytes = gzipSync(JSON.stringify(value), { level: 9 });
  writeFileSync(join(outDir, name), bytes);
  console.log(`${name}: ${(bytes.length / 1024).toFixed(0)} kB`);
};
write('provinces.json.gz', provinces);
write('communes.json.gz', communes);
// What the API's answer-size estimate needs without loading the outlines (server/http/answer-size.ts).
const vertices = (g: { coordinates: number[][][][] } | null) => (g ? g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0) : 0);
const communeVertices = communes.map((c) => vertices(c.geometry)).sort((a, b) => b - a);
const outlineSizes: NationalOutlineSizes = {
  communeMostVertices: communeVertices[0],
  communeMostVerticesPer100: communeVertices.slice(0, 100).reduce((a, b) => a + b, 0),
  provinceMostVertices: Math.max(...provinces.map((p) => vertices(p.geometry))),
  provinceTotalVertices: provinces.reduce((n, p) => n + vertices(p.geometry), 0),
};
writeFileSync(join(outDir, 'outline-sizes.json'), `${JSON.stringify(outlineSizes, null, 2)}\n`);
console.log(`${provinces.length} provinces, ${communes.length} communes; metadata not matched for ${unmatched}`);
