// The fact engine's resolution of one yes/no indicator, as the boot data carries it (no text: the first picture reads it).
import type { AtlasData } from '../api/atlas-data.ts';
import type { Coverage } from '../api/types.ts';

/** The resolved coverage of a yes/no indicator, when loaded. */
export function coverageOf(data: Pick<AtlasData, 'coverages'>, indicator: string): Coverage | null {
  return data.coverages.find((c) => c.indicator === indicator) ?? null;
}
