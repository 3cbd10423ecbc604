// SYNTHETIC detail for the national scale bench only: generated bản with generated yes/no values, one fact set per
// commune, shaped like Mường Bang's (bản in former units, some with their own value, counts for some former units
// and for the commune). Nothing here is data: it is never stored, served or shown; it exists to time the engine.
import type { FactSet } from '../../geo/facts/fact-types.ts';

/** A deterministic pseudo-random sequence (mulberry32), so every run times the same work. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCommune {
  code: string;
  provinceCode: string;
  facts: FactSet<string>;
}

/**
 * One synthetic fact set per commune given (code, province, number of former units), each with `bansPerCommune` bản:
 * 60 % of bản with an own value, a count for every other former unit, a commune-wide count. Ids say SYNTHETIC.
 */
export function syntheticDetail(communes: Array<{ code: string; provinceCode: string; formerUnits: number }>, bansPerCommune: number, seed = 1): SyntheticCommune[] {
  const next = random(seed);
  return communes.map((c) => {
    const groups = Math.max(1, c.formerUnits);
    const bans = Array.from({ length: bansPerCommune }, (_, i) => {
      const value = next() < 0.7;
      return { id: `SYNTHETIC-${c.code}-${i}`, group: `SYNTHETIC-${c.code}-g${i % groups}`, value, own: next() < 0.6 };
    });
    const groupFacts = Array.from({ length: groups }, (_, g) => {
      const members = bans.filter((b) => b.group === `SYNTHETIC-${c.code}-g${g}`);
      const fact = g % 2 === 0 && members.length > 0
        ? { achieved: members.filter((b) => b.value).length, total: members.length, status: 'REPORTED', sources: ['SYNTHETIC'] }
        : null;
      return { id: `SYNTHETIC-${c.code}-g${g}`, fact };
    });
    return {
      code: c.code,
      provinceCode: c.provinceCode,
      facts: {
        bans: bans.map((b) => ({ id: b.id, group: b.group, fact: b.own ? { value: b.value, status: 'REPORTED', sources: ['SYNTHETIC'] } : null })),
        groups: groupFacts,
        wholeId: `SYNTHETIC-${c.code}`,
        whole: { achieved: bans.filter((b) => b.value).length, total: bans.length, status: 'REPORTED', sources: ['SYNTHETIC'] },
      },
    };
  });
}
