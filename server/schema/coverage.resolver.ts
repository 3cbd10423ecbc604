import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badInput } from '../errors.ts';
import { coverage as computeCoverage } from '../../geo/coverage.ts';
import type { SourceRef as StoredRef } from '../../geo/seed-types.ts';
import { canSee } from '../access/observation-visibility.ts';
import type { AtlasContext } from './context.ts';
import { Coverage } from './coverage.type.ts';
import { CoverageBasis } from './enums.ts';
import { toSourceRef } from './source-ref.type.ts';

const meets = (share: number, cmp: string, target: number) =>
  ({ '>': share > target, '>=': share >= target, '<': share < target, '<=': share <= target, '=': share === target })[cmp] ?? null;

@Resolver(() => Coverage)
export class CoverageResolver {
  @Query(() => Coverage, { description: 'How many bản meet a yes/no indicator, per former commune, from the most specific facts available.' })
  coverage(
    @Arg('indicator', () => String, { description: 'Key of a yes/no indicator, e.g. "drugFree", "carRoadAccess".' }) key: string,
    @Ctx() { store, viewer }: AtlasContext,
  ): Coverage {
    const indicator = store.indicator(key);
    if (!indicator) {
      throw badInput('indicator', `Không có chỉ tiêu "${key}"`, `Unknown indicator "${key}"`);
    }
    if (indicator.kind !== 'boolean') {
      throw badInput('indicator', `Chỉ tiêu "${key}" không phải loại có/không`, `Indicator "${key}" is not a yes/no indicator`);
    }
    const obs = store.observations({ indicator: key });
    const latestFor = (unitId: string) => obs.find((o) => o.unitId === unitId && canSee(store, viewer, o, store.unit(unitId)));
    const formers = store.units('formerCommune');
    const villages = store.units('village');
    const result = computeCoverage<{ ref: StoredRef; formula: string | null }>(formers.map((f) => {
      const fact = latestFor(f.id);
      return {
        id: f.id,
        villageValues: villages.filter((v) => v.parentId === f.id).map((v) => {
          const o = latestFor(v.id);
          return typeof o?.value === 'boolean' ? o.value : null;
        }),
        groupFact: fact && typeof fact.value === 'number' && fact.denominator !== null
          ? { achieved: fact.value, total: fact.denominator, source: { ref: fact.source, formula: fact.formula } } : null,
      };
    }));
    const commune = store.units('commune')[0];
    const communeFact = latestFor(commune.id);
    const target = store.targets().find((t) => t.indicator === key && t.unit === '%' && t.value !== null);
    const targetShare = target ? target.value! / 100 : null;
    return {
      indicator: key, indicatorName: indicator.nameVi,
      achieved: result.achieved, total: result.total, share: result.share,
      target: targetShare, targetComparator: target?.comparator ?? null, targetNo: target?.no ?? null,
      targetMet: target && targetShare !== null ? meets(result.share, target.comparator!, targetShare) : null,
      unknownVillages: result.unknown,
      source: communeFact ? toSourceRef(store, communeFact.source) : null,
      consistentWithSource: !communeFact || (communeFact.value === result.achieved && communeFact.denominator === result.total),
      groups: result.groups.map((g) => {
        const f = formers.find((x) => x.id === g.id)!;
        return {
          id: g.id, code: f.code ?? '', name: f.name ?? g.id, achieved: g.achieved, total: g.total, share: g.share,
          unknownVillages: g.unknown, basis: g.basis as CoverageBasis,
          source: g.source ? toSourceRef(store, g.source.ref) : null, formula: g.source?.formula ?? null,
        };
      }),
    };
  }
}
