import { coverage } from '../../geo/coverage.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { canSee } from '../access/observation-visibility.ts';
import type { Viewer } from '../schema/context.ts';
import type { AtlasStore, Observation, Unit } from '../store/atlas-store.ts';

export interface GroupFactSource { ref: SourceRef; formula: string | null }

/** Coverage of a yes/no indicator per former commune as the viewer may see it, with the commune-wide fact. */
export function coverageOf(store: AtlasStore, viewer: Viewer, key: string, override?: Map<string, boolean>) {
  const obs = store.observations({ indicator: key });
  const latestFor = (unit: Unit): Observation | undefined => obs.find((o) => o.unitId === unit.id && canSee(store, viewer, o, unit));
  const formers = store.units('formerCommune');
  const villages = store.units('village');
  const result = coverage<GroupFactSource>(formers.map((f) => {
    const fact = latestFor(f);
    return {
      id: f.id,
      villageValues: villages.filter((v) => v.parentId === f.id).map((v) => {
        if (override?.has(v.id)) return override.get(v.id)!;
        const o = latestFor(v);
        return typeof o?.value === 'boolean' ? o.value : null;
      }),
      groupFact: fact && typeof fact.value === 'number' && fact.denominator !== null
        ? { achieved: fact.value, total: fact.denominator, source: { ref: fact.source, formula: fact.formula } } : null,
    };
  }));
  const communeFact = latestFor(store.units('commune')[0]);
  const villageValue = (v: Unit): boolean | null => {
    const o = latestFor(v);
    return typeof o?.value === 'boolean' ? o.value : null;
  };
  return { ...result, communeFact, formers, villages, villageValue };
}
