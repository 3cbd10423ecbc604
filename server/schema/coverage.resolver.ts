import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { meetsTarget } from '../../geo/meets-target.ts';
import { badInput } from '../errors.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import type { AtlasContext } from './context.ts';
import { Coverage } from './coverage.type.ts';
import { CoverageBasis } from './enums.ts';
import { toSourceRef } from './source-ref.type.ts';


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
    const { formers, communeFact, ...result } = coverageOf(store, viewer, key);
    const target = store.targets().find((t) => t.indicator === key && t.unit === '%' && t.value !== null);
    const targetShare = target ? target.value! / 100 : null;
    return {
      indicator: key, indicatorName: indicator.nameVi,
      achieved: result.achieved, total: result.total, share: result.share, complete: result.complete,
      target: targetShare, targetComparator: target?.comparator ?? null, targetNo: target?.no ?? null,
      targetMet: target && targetShare !== null && result.share !== null ? meetsTarget(result.share, target.comparator!, targetShare) : null,
      unknownVillages: result.unknown,
      source: communeFact ? toSourceRef(store, communeFact.source) : null,
      consistentWithSource: !communeFact || (communeFact.value === result.achieved && communeFact.denominator === result.total),
      groups: result.groups.map((g) => {
        const f = formers.find((x) => x.id === g.id)!;
        return {
          id: g.id, code: f.code ?? '', name: f.name ?? g.id, achieved: g.achieved, total: g.total, share: g.share, complete: g.complete,
          unknownVillages: g.unknown, basis: g.basis as CoverageBasis,
          source: g.source ? toSourceRef(store, g.source.ref) : null, formula: g.source?.formula ?? null,
        };
      }),
    };
  }
}
