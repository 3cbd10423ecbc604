import { Ctx, Query, Resolver } from 'type-graphql';
import { allVisible } from '../access/observation-visibility.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import { areaFigures } from '../queries/area-figures.ts';
import type { AtlasContext } from './context.ts';
import { DataQuality, QualityCount, SumCheck } from './data-quality.type.ts';
import { toSourceRef } from './source-ref.type.ts';

@Resolver(() => DataQuality)
export class DataQualityResolver {
  @Query(() => DataQuality, { description: 'What is uncertain or inconsistent in the data, for analysts and officers to fix.' })
  async dataQuality(@Ctx() { store: atlas, viewer }: AtlasContext): Promise<DataQuality> {
    const store = await atlas.snapshot();
    const areas = areaFigures(store).map((f) => ({ kind: f.kind, valueKm2: f.valueKm2, source: f.source ? toSourceRef(store, f.source) : null }));
    const commune = store.units('commune')[0];
    const formers = store.units('formerCommune');
    const villages = store.units('village');
    const visible = (unitId: string, indicator: string) =>
      allVisible(store, viewer, store.observations({ unitId, indicator }));

    const sumChecks: SumCheck[] = [];
    for (const total of allVisible(store, viewer, store.observations({ unitId: commune.id }))) {
      if (typeof total.value !== 'number') continue;
      const parts = formers.map((f) => visible(f.id, total.indicator).find((o) => o.period === total.period));
      if (parts.some((p) => !p || typeof p.value !== 'number')) continue;
      const indicator = store.indicator(total.indicator);
      if (indicator && !['count', 'boolean', 'area', 'money', 'quantity'].includes(indicator.kind)) continue; // rates do not add up
      const sum = parts.reduce((s, p) => s + Number(p!.value), 0);
      sumChecks.push({ indicator: total.indicator, period: total.period, sumOfParts: sum, total: total.value,
        consistent: Math.abs(sum - total.value) <= Math.abs(total.value) * 0.005 });
    }

    const byQuality = new Map<string, QualityCount>();
    for (const u of [commune, ...formers, ...villages]) {
      const q = store.boundary(u.id)?.quality ?? 'NONE';
      const key = `${q}|${u.level}`;
      const entry = byQuality.get(key) ?? { quality: q, level: u.level, count: 0 };
      entry.count++;
      byQuality.set(key, entry);
    }

    const values = areas.map((a) => a.valueKm2);
    // Yes/no indicators: what the fact engine resolves (unknown bản, contradicting counts).
    const resolved = store.indicators().filter((i) => i.kind === 'boolean').map((indicator) => ({ indicator, r: coverageOf(store, viewer, indicator.key) }));
    return {
      areas,
      areaSpreadKm2: Math.max(...values) - Math.min(...values),
      sumChecks,
      villagesWithoutName: villages.filter((v) => !v.name).map((v) => v.provisionalLabel ?? v.id),
      villagesWithoutCentre: villages.filter((v) => !v.centre).length,
      boundariesByQuality: [...byQuality.values()],
      unknownValues: resolved.map(({ indicator: i, r }) => ({
        indicator: i.key, nameVi: i.nameVi, villages: villages.length, unknownVillages: r.resolution.whole.unknownBans,
      })),
      findings: resolved.flatMap(({ indicator: i, r }) => r.resolution.findings.map((f) => ({ indicator: i.key, ...f }))),
    };
  }
}
