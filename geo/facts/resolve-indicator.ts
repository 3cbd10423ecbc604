// The one place that says what the facts of a yes/no indicator imply: each bản's value (its own, or
// deduced from "7/7", "0/N", "23/23" or by subtraction), each group's count as an interval, and the
// facts that contradict each other. Pure; the server, the exports and the browser all read it.
import type {
  Assumption, BanFact, BanResolution, CountBasis, CountFact, CountResolution, FactSet, Finding, IndicatorResolution, Reason,
} from './fact-types.ts';
import { countBounds } from './count-bounds.ts';

interface Interval { min: number; max: number }

/** How a group's count came to be known when the group's own fact does not give it. */
interface Tightened<S> extends Interval { sources: S[]; assumptions: Assumption[]; periods: string[] }

const union = <T>(...lists: T[][]): T[] => [...new Set(lists.flat())];
const periodOf = (f: { period?: string } | null | undefined): string[] => (f?.period ? [f.period] : []);

/** A count that combines facts of different periods says so: an assumption, and the periods in its reason. */
function withPeriods<S>(c: Omit<CountResolution<S>, 'periods'>, periods: string[]): CountResolution<S> {
  const sorted = [...new Set(periods)].sort();
  if (sorted.length < 2) return { ...c, periods: sorted };
  return {
    ...c, periods: sorted,
    assumptions: union<Assumption>(c.assumptions, ['PERIODS_DIFFER']),
    reason: { key: c.reason.key, params: { ...c.reason.params, periods: sorted.join(', ') } },
  };
}

/**
 * Resolve every bản, group and the whole from `facts`. Interval propagation: a group's count is its fact
 * (when it agrees with its bản) or [known true, known true + unknown], narrowed by the commune's count
 * less the other groups; a group whose count is a point fixes its unknown bản when they must all meet
 * it or all miss it. Contradicting facts are reported and never used for deductions.
 */
export function resolveIndicator<S>(input: FactSet<S>): IndicatorResolution<S> {
  // A bounded count that allows one count only ("≥ 6 of 6") is that count; the others are kept apart as bounds.
  const bounded = new Map<string, CountFact<S>>();
  const exactOrBound = (id: string, f: CountFact<S> | null): CountFact<S> | null => {
    if (!f?.comparator) return f;
    const b = countBounds(f.achieved, f.total, f.comparator);
    if (b.min === b.max) return { ...f, achieved: b.min, comparator: null };
    bounded.set(id, f);
    return null;
  };
  const facts: FactSet<S> = {
    ...input,
    groups: input.groups.map((g) => ({ id: g.id, fact: exactOrBound(g.id, g.fact) })),
    whole: exactOrBound(input.wholeId, input.whole),
  };
  const boundReason = (id: string, f: CountFact<S>): Reason =>
    ({ key: 'BOUNDED_FACT', params: { unit: id, comparator: f.comparator!, achieved: f.achieved, total: f.total } });
  const findings: Finding[] = [];
  const bans = new Map<string, BanResolution<S>>();
  for (const b of facts.bans) bans.set(b.id, b.fact ? own(b.id, b.fact) : unknownBan(b.id));

  // Groups: the named ones, then each bản of unknown former commune as a group of its own.
  const groups = [
    ...facts.groups.map((g) => ({ id: g.id, fact: g.fact, members: facts.bans.filter((b) => b.group === g.id).map((b) => b.id), known: true })),
    ...facts.bans.filter((b) => b.group === null || !facts.groups.some((g) => g.id === b.group))
      .map((b) => ({ id: b.id, fact: null as CountFact<S> | null, members: [b.id], known: false })),
  ];
  const tightened = new Map<string, Tightened<S>>();

  const fromBans = (members: string[]): Interval & { unknown: number; yes: number } => {
    const values = members.map((id) => bans.get(id)!.value);
    const yes = values.filter((v) => v === true).length;
    const unknown = values.filter((v) => v === null).length;
    return { min: yes, max: yes + unknown, unknown, yes };
  };

  // A fact is usable when its total is the group's size and it agrees with the bản's own values.
  const usable = new Map<string, CountFact<S>>();
  for (const g of groups) {
    if (!g.fact) continue;
    if (g.fact.total !== g.members.length) {
      findings.push({ kind: 'TOTAL_MISMATCH', unitId: g.id, params: { factTotal: g.fact.total, bans: g.members.length } });
      continue;
    }
    const i = fromBans(g.members);
    if (g.fact.achieved < i.min || g.fact.achieved > i.max) {
      findings.push({ kind: 'GROUP_VS_BANS', unitId: g.id, params: { achieved: g.fact.achieved, total: g.fact.total, min: i.min, max: i.max } });
      continue;
    }
    usable.set(g.id, g.fact);
  }
  // A group's bounded count narrows its interval, as a subtraction would, citing its own source.
  for (const g of groups) {
    const f = bounded.get(g.id);
    if (!f) continue;
    if (f.total !== g.members.length) {
      findings.push({ kind: 'TOTAL_MISMATCH', unitId: g.id, params: { factTotal: f.total, bans: g.members.length } });
      bounded.delete(g.id);
      continue;
    }
    const b = countBounds(f.achieved, f.total, f.comparator);
    const i = fromBans(g.members);
    if (b.max < i.min || b.min > i.max) {
      findings.push({ kind: 'GROUP_VS_BANS', unitId: g.id, params: { achieved: f.achieved, total: f.total, min: i.min, max: i.max } });
      bounded.delete(g.id);
      continue;
    }
    tightened.set(g.id, { min: b.min, max: b.max, sources: f.sources, assumptions: [], periods: periodOf(f) });
  }
  let whole = facts.whole;
  if (whole && whole.total !== facts.bans.length) {
    findings.push({ kind: 'TOTAL_MISMATCH', unitId: facts.wholeId, params: { factTotal: whole.total, bans: facts.bans.length } });
    whole = null;
  }

  const intervalOf = (g: (typeof groups)[number]): Interval => {
    const fact = usable.get(g.id);
    if (fact) return { min: fact.achieved, max: fact.achieved };
    const i = fromBans(g.members);
    const t = tightened.get(g.id);
    return t ? { min: Math.max(i.min, t.min), max: Math.min(i.max, t.max) } : i;
  };

  let wholeAgrees = true;
  for (let changed = true; changed;) {
    changed = false;
    const intervals = groups.map(intervalOf);
    if (whole) {
      const sumMin = intervals.reduce((s, i) => s + i.min, 0);
      const sumMax = intervals.reduce((s, i) => s + i.max, 0);
      if (whole.achieved < sumMin || whole.achieved > sumMax) {
        findings.push({ kind: 'WHOLE_VS_GROUPS', unitId: facts.wholeId, params: { achieved: whole.achieved, total: whole.total, min: sumMin, max: sumMax } });
        wholeAgrees = false;
        whole = null;
      }
    }
    if (whole) {
      const sumMin = intervals.reduce((s, i) => s + i.min, 0);
      const sumMax = intervals.reduce((s, i) => s + i.max, 0);
      // Each group: the commune's count less what the others can hold.
      groups.forEach((g, k) => {
        const min = Math.max(intervals[k].min, whole!.achieved - (sumMax - intervals[k].max));
        const max = Math.min(intervals[k].max, whole!.achieved - (sumMin - intervals[k].min));
        if (min === intervals[k].min && max === intervals[k].max) return;
        // Only the other groups whose bound was used cite their facts: a raised min uses the others' max
        // (needs a source when below the group's size), a lowered max the others' min (when above 0).
        // So "23/23" alone settles every group, and a bản fact of one group is never cited for another.
        const used = groups.filter((o, j) => o !== g
          && ((min > intervals[k].min && intervals[j].max < o.members.length) || (max < intervals[k].max && intervals[j].min > 0)));
        const usedFacts = used.flatMap((o) => (usable.has(o.id) ? [usable.get(o.id)!] : []));
        const usedPeriods = used.flatMap((o) => (usable.has(o.id) ? periodOf(usable.get(o.id))
          : [...(tightened.get(o.id)?.periods ?? []), ...o.members.flatMap((id) => periodOf(facts.bans.find((b) => b.id === id)!.fact))]));
        const usedSources = used.map((o) => (usable.has(o.id) ? usable.get(o.id)!.sources
          : union(tightened.get(o.id)?.sources ?? [], ...o.members.map((id) => bans.get(id)!.sources))));
        const before = tightened.get(g.id);
        tightened.set(g.id, {
          min, max,
          sources: union(before?.sources ?? [], whole!.sources, ...usedSources),
          assumptions: union<Assumption>(before?.assumptions ?? [], usedFacts.length > 0 ? ['SAME_DATE'] : []),
          periods: union(before?.periods ?? [], periodOf(whole), usedPeriods),
        });
        const t = tightened.get(g.id)!;
        if (t.periods.length > 1) t.assumptions = union<Assumption>(t.assumptions, ['PERIODS_DIFFER']);
        changed = true;
      });
    }
    for (const g of groups) {
      const i = intervalOf(g);
      if (i.min !== i.max) continue;
      const b = fromBans(g.members);
      if (b.unknown === 0 || (i.min - b.yes !== b.unknown && i.min !== b.yes)) continue;
      const value = i.min !== b.yes;
      const fact = usable.get(g.id);
      const t = tightened.get(g.id);
      const basis = i.min === g.members.length ? 'GROUP_ALL' : i.min === 0 ? 'GROUP_NONE' : 'SUBTRACTION';
      const knownSources = b.yes > 0 || b.unknown < g.members.length ? g.members.flatMap((id) => bans.get(id)!.sources) : [];
      const reason: Reason = fact
        ? { key: 'FROM_GROUP', params: { unit: g.id, achieved: fact.achieved, total: fact.total } }
        : facts.whole ? { key: 'FROM_WHOLE', params: { achieved: facts.whole.achieved, total: facts.whole.total } }
          : boundReason(g.id, bounded.get(g.id)!);
      for (const id of g.members) {
        if (bans.get(id)!.value !== null) continue;
        bans.set(id, {
          id, value, basis, status: 'INFERRED',
          sources: union(fact ? fact.sources : t!.sources, knownSources),
          assumptions: fact ? [] : t!.assumptions,
          reason,
        });
      }
      changed = true;
    }
  }

  // The periods a group's count rests on: its fact's, or its bản facts' and the subtraction's.
  const periodsOfGroup = (g: (typeof groups)[number]): string[] => {
    const fact = usable.get(g.id);
    if (fact) return periodOf(fact);
    return union(tightened.get(g.id)?.periods ?? [], g.members.flatMap((id) => periodOf(facts.bans.find((b) => b.id === id)!.fact)));
  };
  const groupResults = groups.filter((g) => g.known).map((g): CountResolution<S> => withPeriods(countOf(g), periodsOfGroup(g)));
  function countOf(g: (typeof groups)[number]): Omit<CountResolution<S>, 'periods'> {
    const i = intervalOf(g);
    const b = fromBans(g.members);
    const fact = usable.get(g.id);
    const t = tightened.get(g.id);
    const total = g.members.length;
    const share = i.min === i.max && total > 0 ? i.min / total : null;
    const base = { id: g.id, min: i.min, max: i.max, total, share, unknownBans: b.unknown };
    if (fact) {
      return { ...base, basis: 'FACT', status: fact.status, sources: fact.sources, assumptions: [], reason: { key: 'GROUP_FACT', params: { achieved: fact.achieved, total: fact.total } } };
    }
    if (b.unknown === 0 && !t) {
      return { ...base, basis: 'BAN_VALUES', status: 'DERIVED', sources: union(...g.members.map((id) => bans.get(id)!.sources)), assumptions: [], reason: { key: 'BAN_VALUES', params: {} } };
    }
    if (t && i.min === i.max) {
      // "N/N" or "0/N" of the commune settles every group directly: no subtraction to explain.
      const settled = whole && (whole.achieved === whole.total || whole.achieved === 0);
      const reason: Reason = settled
        ? { key: 'FROM_WHOLE', params: { achieved: whole!.achieved, total: whole!.total } }
        : { key: 'SUBTRACTION', params: { achieved: i.min, total } };
      return { ...base, basis: 'SUBTRACTION', status: 'INFERRED', sources: t.sources, assumptions: t.assumptions, reason };
    }
    const known = total - b.unknown;
    const bound = bounded.get(g.id);
    return {
      ...base, basis: 'BOUNDS', status: 'UNKNOWN',
      sources: union(bound ? bound.sources : [], ...g.members.map((id) => bans.get(id)!.sources)), assumptions: t && i.max < b.max ? t.assumptions : [],
      reason: bound ? boundReason(g.id, bound)
        : known === 0 && !t ? { key: 'NO_SOURCE', params: { unit: g.id } } : { key: 'PARTIAL', params: { known, unknown: b.unknown } },
    };
  }

  // Unknown bản say why: only a group count, only the commune's, or nothing at all.
  for (const g of groups) {
    const i = intervalOf(g);
    const stated = usable.get(g.id) ?? g.fact;
    // A point count the group has no fact for was inferred (the commune's count less the others): say so.
    const inferred = !stated && i.min === i.max ? tightened.get(g.id) : undefined;
    const count = stated ?? (i.min === i.max ? { achieved: i.min, total: g.members.length } : null);
    for (const id of g.members) {
      if (bans.get(id)!.value !== null) continue;
      const bound = bounded.get(g.id);
      const reason: Reason = !g.known ? { key: 'GROUP_UNKNOWN', params: {} }
        : !stated && bound && !inferred ? boundReason(g.id, bound)
        : count ? { key: inferred ? 'GROUP_COUNT_INFERRED' : 'GROUP_COUNT_ONLY', params: { unit: g.id, achieved: count.achieved, total: count.total } }
          : facts.whole ? { key: 'WHOLE_COUNT_ONLY', params: { achieved: facts.whole.achieved, total: facts.whole.total } }
            : { key: 'NO_SOURCE', params: { unit: g.id } };
      bans.set(id, { ...bans.get(id)!, reason, assumptions: inferred ? inferred.assumptions : bans.get(id)!.assumptions });
    }
  }

  const allGroups = groups.map(intervalOf);
  let sumMin = allGroups.reduce((s, i) => s + i.min, 0);
  let sumMax = allGroups.reduce((s, i) => s + i.max, 0);
  const total = facts.bans.length;
  // The commune's bounded count narrows the sum of its groups (it deduces nothing about a single bản).
  let wholeBound = bounded.get(facts.wholeId);
  if (wholeBound) {
    const b = countBounds(wholeBound.achieved, wholeBound.total, wholeBound.comparator);
    if (wholeBound.total !== total) {
      findings.push({ kind: 'TOTAL_MISMATCH', unitId: facts.wholeId, params: { factTotal: wholeBound.total, bans: total } });
      wholeBound = undefined;
    } else if (b.max < sumMin || b.min > sumMax) {
      findings.push({ kind: 'WHOLE_VS_GROUPS', unitId: facts.wholeId, params: { achieved: wholeBound.achieved, total: wholeBound.total, min: sumMin, max: sumMax } });
      wholeBound = undefined;
    } else {
      sumMin = Math.max(sumMin, b.min);
      sumMax = Math.min(sumMax, b.max);
    }
  }
  const unknownBans = [...bans.values()].filter((b) => b.value === null).length;
  let wholeResult: CountResolution<S>;
  if (whole && wholeAgrees) {
    wholeResult = withPeriods({
      id: facts.wholeId, min: whole.achieved, max: whole.achieved, total, share: total ? whole.achieved / total : null, unknownBans,
      basis: 'FACT', status: whole.status, sources: whole.sources, assumptions: [], reason: { key: 'GROUP_FACT', params: { achieved: whole.achieved, total: whole.total } },
    }, periodOf(whole));
  } else {
    const point = sumMin === sumMax;
    const parts = groupResults;
    const basis: CountBasis = !point ? 'BOUNDS' : parts.every((p) => p.basis === 'BAN_VALUES') ? 'BAN_VALUES' : 'SUBTRACTION';
    const basis2: CountBasis = wholeBound && basis === 'BAN_VALUES' ? 'SUBTRACTION' : basis;
    wholeResult = withPeriods({
      id: facts.wholeId, min: sumMin, max: sumMax, total, share: point && total ? sumMin / total : null, unknownBans,
      basis: basis2, status: point ? (basis2 === 'BAN_VALUES' ? 'DERIVED' : 'INFERRED') : 'UNKNOWN',
      sources: union(wholeBound ? wholeBound.sources : [], ...parts.map((p) => p.sources)), assumptions: union(...parts.map((p) => p.assumptions)),
      reason: point ? { key: basis2 === 'BAN_VALUES' ? 'BAN_VALUES' : 'SUBTRACTION', params: { achieved: sumMin, total } }
        : wholeBound ? boundReason(facts.wholeId, wholeBound) : { key: 'PARTIAL', params: { known: total - unknownBans, unknown: unknownBans } },
    }, [...(wholeBound ? periodOf(wholeBound) : []), ...parts.flatMap((p) => p.periods)]);
  }
  return { bans: facts.bans.map((b) => bans.get(b.id)!), groups: groupResults, whole: wholeResult, findings };
}

function own<S>(id: string, fact: BanFact<S>): BanResolution<S> {
  return { id, value: fact.value, basis: 'OWN', status: fact.status, sources: fact.sources, assumptions: [], reason: { key: 'OWN', params: {} } };
}

function unknownBan<S>(id: string): BanResolution<S> {
  return { id, value: null, basis: 'NONE', status: 'UNKNOWN', sources: [], assumptions: [], reason: { key: 'NO_SOURCE', params: {} } };
}
