import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CommuneSeed, FormerCommuneSeed, IndicatorSeed, ObservationSeed, PlaceSeed, SourceDocument, TargetSeed, VillageSeed,
} from './seed-types.ts';

/** Everything under seeds/<commune>/, as read from disk (not yet validated). */
export interface SeedBundle {
  sources: SourceDocument[];
  commune: CommuneSeed;
  formerCommunes: FormerCommuneSeed[];
  villages: VillageSeed[];
  indicators: IndicatorSeed[];
  observations: ObservationSeed[];
  targets: TargetSeed[];
  places: PlaceSeed[];
}

export const SEED_FILES = {
  sources: 'sources.json',
  commune: 'commune.json',
  formerCommunes: 'former-communes.json',
  villages: 'villages.json',
  indicators: 'indicators.json',
  observations: 'observations.json',
  targets: 'targets.json',
  places: 'places.json',
} as const satisfies Record<keyof SeedBundle, string>;

/** Read a seed directory; every text is normalised to Unicode NFC on the way in. */
export function readSeedBundle(dir: string): SeedBundle {
  const bundle = {} as Record<string, unknown>;
  for (const [key, file] of Object.entries(SEED_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`seeds: missing file ${path}`);
    try {
      bundle[key] = JSON.parse(readFileSync(path, 'utf8').normalize('NFC'));
    } catch (e) {
      throw new Error(`seeds: ${path} is not valid JSON: ${(e as Error).message}`);
    }
  }
  return bundle as unknown as SeedBundle;
}
