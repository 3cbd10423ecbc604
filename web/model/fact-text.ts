// The fact engine's answers as people read them: a reason key with its parameters becomes a sentence in
// the current language. The page never works out a reason of its own.
import type { AtlasData } from '../api/atlas-data.ts';
import type { FactReason, ResolvedValue } from '../api/types.ts';
import { formatRatio } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { coverageOf } from './coverage-of.ts';

/** "báo cáo chỉ nêu số bản đạt của cả xã cũ (5/6)", "suy ra từ 23/23 của toàn xã"… */
export function reasonText(reason: FactReason, data: Pick<AtlasData, 'commune'>): string {
  const s = t();
  const p = reason.params;
  // A count the source gives only as a bound reads with it: "> 4/6".
  const bound = typeof p.comparator === 'string' ? `${p.comparator.replace('>=', '≥').replace('<=', '≤')} ` : '';
  const ratio = typeof p.achieved === 'number' && typeof p.total === 'number' ? `${bound}${formatRatio(p.achieved, p.total)}` : '';
  const unit = typeof p.unit === 'string' ? data.commune.formerCommunes.find((fc) => fc.id === p.unit)?.name ?? p.unit : '';
  const say = s.reasons[reason.key];
  return say ? say(ratio, unit, Number(p.known ?? 0), Number(p.unknown ?? 0)) : reason.key;
}

/** Assumptions as sentences; PERIODS_DIFFER names the periods its value's reason lists. */
export function assumptionTexts(assumptions: readonly string[], reason?: FactReason): string[] {
  const periods = reason?.params.periods;
  return assumptions.map((a) => {
    const text = t().assumptions[a] ?? a;
    return a === 'PERIODS_DIFFER' && typeof periods === 'string' ? `${text} (${periods})` : text;
  });
}


/** A bản's resolved value of a yes/no indicator, when loaded. */
export function resolvedValueOf(data: Pick<AtlasData, 'coverages'>, villageId: string, indicator: string): ResolvedValue | null {
  return coverageOf(data, indicator)?.villages.find((v) => v.unitId === villageId) ?? null;
}
