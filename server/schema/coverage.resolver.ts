import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { meetsTarget } from '../../geo/meets-target.ts';
import { badInput } from '../errors.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import { communeView } from '../queries/commune-view.ts';
import { MAX_INDICATORS } from '../queries/village-features.ts';
import type { AtlasContext } from './context.ts';
import type { AtlasSnapshot } from '../store/atlas-store.ts';
import { Coverage } from './coverage.type.ts';
import { toCount, toResolvedValue } from './resolved-views.ts';
import { toSourceRef } from './source-ref.type.ts';

@Resolver(() => Coverage)
export class CoverageResolver {
  @Query(() => Coverage, { description: 'How many bản meet a yes/no indicator, per former commune and per bản, as every fact implies it (the one fact engine).' })
  async coverage(
    @Arg('indicator', () => String, { description: 'Key of a yes/no indicator, e.g. "drugFree", "carRoadAccess".' }) key: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('commune', () => String, { nullable: true, description: 'Official code of a detailed commune (see detailedCommunes): its own bản only; omitted: Mường Bang.' }) commune?: string,
  ): Promise<Coverage> {
    const store = communeView(await atlas.snapshot(), commune);
    const indicator = store.indicator(key);
    if (!indicator) {
      throw badInput('indicator', `Không có chỉ tiêu "${key}"`, `Unknown indicator "${key}"`);
    }
    if (indicator.kind !== 'boolean') {
      throw badInput('indicator', `Chỉ tiêu "${key}" không phải loại có/không`, `Indicator "${key}" is not a yes/no indicator`);
    }
    return coverageView(store, viewer, key);
  }

  @Query(() => [Coverage], { description: 'coverage of several yes/no indicators at once (every one when indicators is omitted), in the report\'s order.' })
  async coverages(
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('indicators', () => [String], { nullable: true, description: 'Keys of yes/no indicators; omitted: all of them.' }) keys?: string[],
    @Arg('commune', () => String, { nullable: true, description: 'Official code of a detailed commune; omitted: Mường Bang.' }) commune?: string,
  ): Promise<Coverage[]> {
    const store = communeView(await atlas.snapshot(), commune);
    const all = store.indicators().filter((i) => i.kind === 'boolean').map((i) => i.key);
    const wanted = keys ?? all;
    if (wanted.length > MAX_INDICATORS) throw badInput('indicators', `Tối đa ${MAX_INDICATORS} chỉ tiêu`, `At most ${MAX_INDICATORS} indicators`);
    for (const key of wanted) {
      if (!all.includes(key)) throw badInput('indicators', `"${key}" không phải chỉ tiêu có/không`, `"${key}" is not a yes/no indicator`);
    }
    return wanted.map((key) => coverageView(store, viewer, key));
  }
}

/** The Coverage of one (checked) yes/no indicator for the viewer. */
function coverageView(store: AtlasSnapshot, viewer: AtlasContext['viewer'], key: string): Coverage {
  const indicator = store.indicator(key)!;
  const { resolution, formers, communeFact } = coverageOf(store, viewer, key);
  const whole = toCount(store, resolution.whole);
  const target = store.targets().find((t) => t.indicator === key && t.unit === '%' && t.value !== null);
  const targetShare = target ? target.value! / 100 : null;
  return {
    indicator: key, indicatorName: indicator.nameVi, ...whole,
    target: targetShare, targetComparator: target?.comparator ?? null, targetNo: target?.no ?? null,
    targetMet: target && targetShare !== null && whole.share !== null ? meetsTarget(whole.share, target.comparator!, targetShare) : null,
    source: communeFact ? toSourceRef(store, communeFact.source) : null,
    consistentWithSource: resolution.findings.length === 0,
    findings: resolution.findings,
    groups: resolution.groups.map((g) => {
      const f = formers.find((x) => x.id === g.id)!;
      return { id: g.id, code: f.code ?? '', name: f.name ?? g.id, ...toCount(store, g) };
    }),
    villages: resolution.bans.map((b) => toResolvedValue(store, viewer, key, b)),
  };
}
