// What is inconsistent in the national reference data: areas that disagree, the population sum against national
// statistics, units without an outline, codes used twice. Pure: the seeds in, the findings out.
import { AREA_FLAGGED_CLASS, areaAgreement, type AreaAgreement } from './area-agreement.ts';
import type { NationalSeeds } from './read-national-seeds.ts';

export interface AreaFinding extends AreaAgreement {
  code: string;
  name: string;
  provinceCode: string;
  officialAreaKm2: number;
  measuredAreaKm2: number;
}

export interface NationalQuality {
  provinceCount: number;
  communeCount: number;
  /** Communes whose measured and official areas were compared (those with an outline). */
  areasCompared: number;
  /** Flagged differences, largest relative difference first. */
  areaFindings: AreaFinding[];
  /** Compared communes in each class of the data-quality map (index = differenceClass; the last is the flagged ones). */
  areaClassCounts: number[];
  /** Sum of the communes' populations, and of the provinces'. */
  communePopulationSum: number;
  provincePopulationSum: number;
  /** The national figure and its source (seeds/vietnam/national-statistics.json). */
  nationalPopulation: NationalSeeds['statistics']['population'];
  /** communePopulationSum ÷ the national figure. */
  populationRatio: number;
  withoutGeometry: string[];
  /** Codes held by more than one commune or province. */
  duplicateCodes: string[];
  /** Provinces whose listed communes' areas add up to more than 5 % off the province's own area. */
  provinceAreaMismatches: Array<{ code: string; name: string; areaKm2: number; communeAreaSumKm2: number }>;
}

const duplicates = (codes: string[]) => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  return [...twice].sort();
};

/** Every finding about the national seeds. */
export function nationalQuality(seeds: NationalSeeds): NationalQuality {
  const areaFindings: AreaFinding[] = [];
  let areasCompared = 0;
  const areaClassCounts: number[] = new Array(AREA_FLAGGED_CLASS + 1).fill(0);
  for (const c of seeds.communes) {
    if (c.measuredAreaKm2 === null) continue;
    areasCompared++;
    const a = areaAgreement(c.areaKm2, c.measuredAreaKm2);
    areaClassCounts[a.differenceClass]++;
    if (a.flagged) areaFindings.push({ code: c.code, name: c.name, provinceCode: c.provinceCode, officialAreaKm2: c.areaKm2, measuredAreaKm2: c.measuredAreaKm2, ...a });
  }
  areaFindings.sort((a, b) => Math.abs(b.relativeDifference ?? Infinity) - Math.abs(a.relativeDifference ?? Infinity) || a.code.localeCompare(b.code));
  const communePopulationSum = seeds.communes.reduce((s, c) => s + c.population, 0);
  const areaSum = new Map<string, number>();
  for (const c of seeds.communes) areaSum.set(c.provinceCode, (areaSum.get(c.provinceCode) ?? 0) + c.areaKm2);
  return {
    provinceCount: seeds.provinces.length,
    communeCount: seeds.communes.length,
    areasCompared,
    areaFindings,
    areaClassCounts,
    communePopulationSum,
    provincePopulationSum: seeds.provinces.reduce((s, p) => s + p.population, 0),
    nationalPopulation: seeds.statistics.population,
    populationRatio: communePopulationSum / seeds.statistics.population.value,
    withoutGeometry: seeds.communes.filter((c) => !c.geometry || c.geometry.coordinates.length === 0).map((c) => c.code),
    duplicateCodes: duplicates([...seeds.communes.map((c) => c.code), ...seeds.provinces.map((p) => `province:${p.code}`)]),
    provinceAreaMismatches: seeds.provinces
      .map((p) => ({ code: p.code, name: p.name, areaKm2: p.areaKm2, communeAreaSumKm2: areaSum.get(p.code) ?? 0 }))
      .filter((p) => Math.abs(p.communeAreaSumKm2 - p.areaKm2) > 0.05 * p.areaKm2),
  };
}
