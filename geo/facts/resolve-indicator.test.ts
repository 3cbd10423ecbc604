import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FactSet } from './fact-types.ts';
import { resolveIndicator } from './resolve-indicator.ts';

/** A world: the truth of every bản, grouped, and which facts the sources happen to give about it. */
const world = fc.record({
  groups: fc.array(fc.array(fc.boolean(), { maxLength: 7 }), { minLength: 1, maxLength: 4 }),
  ungrouped: fc.array(fc.boolean(), { maxLength: 2 }),
  ownFact: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  groupFact: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  wholeFact: fc.boolean(),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

function factsOf(w: World): { facts: FactSet<string>; truth: Map<string, boolean> } {
  const truth = new Map<string, boolean>();
  const bans: FactSet<string>['bans'] = [];
  let n = 0;
  w.groups.forEach((g, gi) => g.forEach((v) => {
    const id = `b${n}`;
    truth.set(id, v);
    bans.push({ id, group: `g${gi}`, fact: w.ownFact[n % 30] ? { value: v, status: 'REPORTED', sources: [`own-${id}`] } : null });
    n++;
  }));
  w.ungrouped.forEach((v) => {
    const id = `b${n++}`;
    truth.set(id, v);
    bans.push({ id, group: null, fact: null });
  });
  const count = (vs: boolean[]) => vs.filter(Boolean).length;
  const all = [...truth.values()];
  return {
    truth,
    facts: {
      bans,
      groups: w.groups.map((g, gi) => ({ id: `g${gi}`, fact: w.groupFact[gi] ? { achieved: count(g), total: g.length, status: 'REPORTED', sources: [`g${gi}`] } : null })),
      wholeId: 'whole',
      whole: w.wholeFact ? { achieved: count(all), total: all.length, status: 'REPORTED', sources: ['whole'] } : null,
    },
  };
}

describe('resolveIndicator over generated fact sets', () => {
  it('every interval contains the true count, every deduced bản value is the true one, and nothing contradicts', () => {
    let runs = 0;
    fc.assert(fc.property(world, (w) => {
      const { facts, truth } = factsOf(w);
      const r = resolveIndicator(facts);
      expect(r.findings).toEqual([]);
      for (const b of r.bans) if (b.value !== null) expect(b.value).toBe(truth.get(b.id));
      w.groups.forEach((g, gi) => {
        const res = r.groups.find((x) => x.id === `g${gi}`)!;
        const t = g.filter(Boolean).length;
        expect(res.min).toBeLessThanOrEqual(t);
        expect(res.max).toBeGreaterThanOrEqual(t);
        expect(res.share === null).toBe(res.min !== res.max || res.total === 0);
      });
      const t = [...truth.values()].filter(Boolean).length;
      expect(r.whole.min).toBeLessThanOrEqual(t);
      expect(r.whole.max).toBeGreaterThanOrEqual(t);
      runs++;
    }), { numRuns: 300 });
    expect(runs).toBe(300);
  });

  it('a group with "N/N" never leaves a bản unknown, and "0/N" makes every bản false', () => {
    let groupsSeen = 0;
    fc.assert(fc.property(world, (w) => {
      const { facts } = factsOf(w);
      const r = resolveIndicator(facts);
      for (const g of facts.groups) {
        if (!g.fact || g.fact.total === 0) continue;
        const members = r.bans.filter((b) => facts.bans.find((x) => x.id === b.id)!.group === g.id);
        if (g.fact.achieved === g.fact.total) expect(members.every((b) => b.value === true)).toBe(true);
        if (g.fact.achieved === 0) expect(members.every((b) => b.value === false)).toBe(true);
        groupsSeen++;
      }
    }), { numRuns: 300 });
    expect(groupsSeen).toBeGreaterThan(0);
  });

  it('a commune-wide "N/N" or "0/N" fixes every bản, those of unknown former commune too', () => {
    let runs = 0;
    fc.assert(fc.property(world, fc.boolean(), (w, yes) => {
      const all = { ...w, groups: w.groups.map((g) => g.map(() => yes)), ungrouped: w.ungrouped.map(() => yes), wholeFact: true };
      const r = resolveIndicator(factsOf(all).facts);
      expect(r.bans.every((b) => b.value === yes)).toBe(true);
      for (const b of r.bans.filter((x) => x.basis !== 'OWN')) expect(b.basis).toBe(yes ? 'GROUP_ALL' : 'GROUP_NONE');
      runs++;
    }), { numRuns: 100 });
    expect(runs).toBe(100);
  });

  it('a group count that disagrees with its bản, or a commune count with its groups, is a finding', () => {
    let runs = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), (size) => {
      const bans = Array.from({ length: size }, (_, i) => ({ id: `b${i}`, group: 'g', fact: { value: false, status: 'REPORTED', sources: [] } }));
      const wrongGroup = resolveIndicator({ bans, groups: [{ id: 'g', fact: { achieved: 1, total: size, status: 'REPORTED', sources: ['g'] } }], wholeId: 'w', whole: null });
      expect(wrongGroup.findings.map((f) => f.kind)).toEqual(['GROUP_VS_BANS']);
      expect(wrongGroup.groups[0]).toMatchObject({ min: 0, max: 0, basis: 'BAN_VALUES' });
      const wrongWhole = resolveIndicator({ bans, groups: [{ id: 'g', fact: null }], wholeId: 'w', whole: { achieved: size, total: size, status: 'REPORTED', sources: ['w'] } });
      expect(wrongWhole.findings.map((f) => f.kind)).toEqual(['WHOLE_VS_GROUPS']);
      expect(wrongWhole.bans.every((b) => b.value === false)).toBe(true);
      runs++;
    }), { numRuns: 30 });
    expect(runs).toBe(30);
  });
});

/** The three former communes of Mường Bang: 10, 7 and 6 bản, none with an own value. */
function muongBang(groupFacts: Record<string, [number, number] | null>, whole: [number, number] | null): FactSet<string> {
  const sizes: Record<string, number> = { mb: 10, md: 7, ml: 6 };
  return {
    bans: Object.entries(sizes).flatMap(([g, n]) => Array.from({ length: n }, (_, i) => ({ id: `${g}-${i + 1}`, group: g, fact: null }))),
    groups: Object.keys(sizes).map((g) => ({ id: g, fact: groupFacts[g] ? { achieved: groupFacts[g]![0], total: groupFacts[g]![1], status: 'DERIVED', sources: [`src-${g}`] } : null })),
    wholeId: 'xa',
    whole: whole ? { achieved: whole[0], total: whole[1], status: 'REPORTED', sources: ['src-xa'] } : null,
  };
}

describe('resolveIndicator on the report\'s figures', () => {
  it('drug-free: Mường Bang is 7/10 by subtraction, assuming one date; Mường Do\'s bản follow 7/7; Mường Lang\'s stay unknown', () => {
    const r = resolveIndicator(muongBang({ md: [7, 7], ml: [5, 6] }, [19, 23]));
    expect(r.findings).toEqual([]);
    expect(r.whole).toMatchObject({ min: 19, max: 19, basis: 'FACT', status: 'REPORTED', sources: ['src-xa'] });
    expect(r.groups.find((g) => g.id === 'mb')).toMatchObject({
      min: 7, max: 7, share: 0.7, basis: 'SUBTRACTION', status: 'INFERRED', assumptions: ['SAME_DATE'], reason: { key: 'SUBTRACTION' },
    });
    expect(r.groups.find((g) => g.id === 'mb')!.sources.sort()).toEqual(['src-md', 'src-ml', 'src-xa']);
    expect(r.bans.filter((b) => b.id.startsWith('md-')).every((b) => b.value === true && b.basis === 'GROUP_ALL' && b.sources.join() === 'src-md')).toBe(true);
    const ml = r.bans.filter((b) => b.id.startsWith('ml-'));
    expect(ml.every((b) => b.value === null && b.reason.key === 'GROUP_COUNT_ONLY' && b.reason.params.achieved === 5)).toBe(true);
    expect(ml.every((b) => b.assumptions.length === 0)).toBe(true);
    // Mường Bang's 7/10 is itself inferred: its bản say so, under the same assumption as the count.
    const mb = r.bans.filter((b) => b.id.startsWith('mb-'));
    expect(mb).toHaveLength(10);
    for (const b of mb) {
      expect(b.value).toBeNull();
      expect(b.reason).toEqual({ key: 'GROUP_COUNT_INFERRED', params: { unit: 'mb', achieved: 7, total: 10 } });
      expect(b.assumptions).toEqual(['SAME_DATE']);
    }
  });

  it('community digital team: 23/23 of the commune makes every bản and every former commune complete', () => {
    const r = resolveIndicator(muongBang({}, [23, 23]));
    expect(r.bans.every((b) => b.value === true && b.basis === 'GROUP_ALL' && b.reason.key === 'FROM_WHOLE')).toBe(true);
    expect(r.groups.map((g) => [g.min, g.max, g.total])).toEqual([[10, 10, 10], [7, 7, 7], [6, 6, 6]]);
    expect(r.groups.every((g) => g.sources.join() === 'src-xa' && g.assumptions.length === 0)).toBe(true);
    // Each group is settled by 23/23 itself, not by subtracting the others.
    for (const g of r.groups) expect(g.reason).toEqual({ key: 'FROM_WHOLE', params: { achieved: 23, total: 23 } });
    const none = resolveIndicator(muongBang({}, [0, 23]));
    for (const g of none.groups) expect(g.reason).toEqual({ key: 'FROM_WHOLE', params: { achieved: 0, total: 23 } });
    // A commune count in between still explains a group by subtraction (Mường Bang's 7/10).
    expect(resolveIndicator(muongBang({ md: [7, 7], ml: [5, 6] }, [19, 23])).groups.find((g) => g.id === 'mb')!.reason.key).toBe('SUBTRACTION');
    expect(r.whole).toMatchObject({ min: 23, max: 23, share: 1 });
  });

  it('self-managed security: 23/23 settles every group; bản Manh\'s own fact is cited only within Mường Lang', () => {
    const facts = muongBang({}, [23, 23]);
    facts.bans = facts.bans.map((b) => (b.id === 'ml-1' ? { ...b, fact: { value: true, status: 'REPORTED', sources: ['src-manh'] } } : b));
    const r = resolveIndicator(facts);
    for (const id of ['mb', 'md']) {
      expect(r.groups.find((g) => g.id === id)!.sources).toEqual(['src-xa']);
      const members = r.bans.filter((b) => b.id.startsWith(`${id}-`));
      expect(members.length).toBeGreaterThan(0);
      for (const b of members) expect(b.sources).toEqual(['src-xa']);
    }
    expect(r.bans.find((b) => b.id === 'ml-2')!.sources.sort()).toEqual(['src-manh', 'src-xa']);
  });

  it('cultural village: Mường Do\'s 3/7 (2024) and Mường Lang\'s 5/6 (2025) add up only under PERIODS_DIFFER', () => {
    const facts = muongBang({ md: [3, 7], ml: [5, 6] }, null);
    facts.groups = facts.groups.map((g) => (g.fact ? { ...g, fact: { ...g.fact, period: g.id === 'md' ? '2024' : '2025' } } : g));
    const r = resolveIndicator(facts);
    expect(r.whole).toMatchObject({ min: 8, max: 18, periods: ['2024', '2025'], assumptions: ['PERIODS_DIFFER'] });
    expect(r.whole.reason.params.periods).toBe('2024, 2025');
    // One period: nothing to assume.
    const same = resolveIndicator(muongBang({ md: [3, 7], ml: [5, 6] }, null));
    expect(same.whole.assumptions).toEqual([]);
    // A subtraction over facts of two periods says so too.
    const sub = muongBang({ md: [7, 7], ml: [5, 6] }, [19, 23]);
    sub.groups = sub.groups.map((g) => (g.fact ? { ...g, fact: { ...g.fact, period: g.id === 'md' ? '2024' : '2025' } } : g));
    sub.whole = { ...sub.whole!, period: '2025' };
    const mb = resolveIndicator(sub).groups.find((g) => g.id === 'mb')!;
    expect(mb.assumptions.sort()).toEqual(['PERIODS_DIFFER', 'SAME_DATE']);
    expect(mb.periods).toEqual(['2024', '2025']);
  });

  it('car road: only Mường Do\'s 7/7; the other former communes have no source at all', () => {
    const r = resolveIndicator(muongBang({ md: [7, 7] }, null));
    expect(r.groups.find((g) => g.id === 'mb')).toMatchObject({ min: 0, max: 10, basis: 'BOUNDS', sources: [], reason: { key: 'NO_SOURCE' } });
    expect(r.bans.find((b) => b.id === 'ml-1')!.reason).toEqual({ key: 'NO_SOURCE', params: { unit: 'ml' } });
    expect(r.whole).toMatchObject({ min: 7, max: 23, share: null, basis: 'BOUNDS' });
  });
});

/** A bound of the true count `t` of `total` that the sources could give: a random comparator, with the figure it would quote. */
const boundOf = (t: number, total: number, pick: number): { achieved: number; comparator: '>' | '>=' | '<' | '<=' | '≈' } => {
  const options = [
    ...(t > 0 ? [{ achieved: t - 1, comparator: '>' as const }] : []),
    { achieved: Math.max(0, t - (pick % 2)), comparator: '>=' as const },
    ...(t < total ? [{ achieved: t + 1, comparator: '<' as const }] : []),
    { achieved: Math.min(total, t + (pick % 2)), comparator: '<=' as const },
    { achieved: t, comparator: '≈' as const },
  ];
  return options[pick % options.length];
};

describe('resolveIndicator with bounded counts ("trên 5/6", "gần 20/23")', () => {
  it('every interval still contains the true count, every deduced bản value is true, and bounds contradict nothing', () => {
    let bounds = 0;
    fc.assert(fc.property(world, fc.array(fc.nat(20), { minLength: 5, maxLength: 5 }), (w, picks) => {
      const { facts, truth } = factsOf(w);
      facts.groups = facts.groups.map((g, gi) => {
        if (!g.fact || picks[gi] % 3 === 0) return g;
        bounds++;
        return { ...g, fact: { ...g.fact, ...boundOf(g.fact.achieved, g.fact.total, picks[gi]) } };
      });
      if (facts.whole && picks[4] % 2 === 1) facts.whole = { ...facts.whole, ...boundOf(facts.whole.achieved, facts.whole.total, picks[4]) };
      const r = resolveIndicator(facts);
      expect(r.findings).toEqual([]);
      for (const b of r.bans) if (b.value !== null) expect(b.value).toBe(truth.get(b.id));
      w.groups.forEach((g, gi) => {
        const res = r.groups.find((x) => x.id === `g${gi}`)!;
        const t = g.filter(Boolean).length;
        expect(res.min).toBeLessThanOrEqual(t);
        expect(res.max).toBeGreaterThanOrEqual(t);
      });
      const t = [...truth.values()].filter(Boolean).length;
      expect(r.whole.min).toBeLessThanOrEqual(t);
      expect(r.whole.max).toBeGreaterThanOrEqual(t);
    }), { numRuns: 300 });
    expect(bounds).toBeGreaterThan(50);
  });

  it('"trên 4/6" is not "4/6": the group reads 5…6, cites its source and says it is a bound; "≥ 6/6" is 6/6', () => {
    const facts = muongBang({ ml: [4, 6] }, null);
    facts.groups = facts.groups.map((g) => (g.id === 'ml' ? { ...g, fact: { ...g.fact!, comparator: '>' } } : g));
    const r = resolveIndicator(facts);
    const ml = r.groups.find((g) => g.id === 'ml')!;
    expect(ml).toMatchObject({ min: 5, max: 6, share: null, basis: 'BOUNDS', sources: ['src-ml'] });
    expect(ml.reason).toEqual({ key: 'BOUNDED_FACT', params: { unit: 'ml', comparator: '>', achieved: 4, total: 6 } });
    const bans = r.bans.filter((b) => b.id.startsWith('ml-'));
    expect(bans).toHaveLength(6);
    for (const b of bans) expect(b).toMatchObject({ value: null, reason: { key: 'BOUNDED_FACT' } });

    const all = muongBang({ ml: [6, 6] }, null);
    all.groups = all.groups.map((g) => (g.id === 'ml' ? { ...g, fact: { ...g.fact!, comparator: '>=' } } : g));
    const settled = resolveIndicator(all);
    expect(settled.groups.find((g) => g.id === 'ml')).toMatchObject({ min: 6, max: 6, basis: 'FACT' });
    expect(settled.bans.filter((b) => b.id.startsWith('ml-')).every((b) => b.value === true && b.basis === 'GROUP_ALL')).toBe(true);
  });

  it('a commune count "dưới 5/23" bounds the sum of its groups, and one below what the groups hold is a finding', () => {
    const facts = muongBang({}, [5, 23]);
    facts.whole = { ...facts.whole!, comparator: '<' };
    const r = resolveIndicator(facts);
    expect(r.whole).toMatchObject({ min: 0, max: 4, basis: 'BOUNDS', sources: ['src-xa'], reason: { key: 'BOUNDED_FACT' } });
    const contradicted = muongBang({ md: [7, 7] }, [5, 23]);
    contradicted.whole = { ...contradicted.whole!, comparator: '<' };
    expect(resolveIndicator(contradicted).findings.map((f) => f.kind)).toEqual(['WHOLE_VS_GROUPS']);
  });
});
