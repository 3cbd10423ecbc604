import { describe, it, expect } from 'vitest';
import { coverage } from './coverage.ts';

describe('coverage', () => {
  it('uses bản values when all are known, the group fact when some are not', () => {
    const r = coverage([
      { id: 'a', villageValues: [true, true, true], groupFact: { achieved: 2, total: 3, source: 'old' } },
      { id: 'b', villageValues: [null, true, null, null], groupFact: { achieved: 3, total: 4, source: 'report' } },
    ]);
    expect(r.groups[0]).toMatchObject({ achieved: 3, total: 3, basis: 'VILLAGE_VALUES', unknown: 0 });
    expect(r.groups[1]).toMatchObject({ achieved: 3, total: 4, basis: 'GROUP_FACT', source: 'report', unknown: 3 });
    expect(r).toMatchObject({ achieved: 6, total: 7, unknown: 3 });
    expect(r.share).toBeCloseTo(6 / 7);
  });

  it('without any group fact counts only what is known, and says how much is unknown', () => {
    const r = coverage([{ id: 'c', villageValues: [true, false, null], groupFact: null }]);
    expect(r.groups[0]).toMatchObject({ achieved: 1, total: 3, unknown: 1, basis: 'VILLAGE_VALUES', complete: false, share: null });
    expect(r).toMatchObject({ complete: false, share: null });
  });
});
