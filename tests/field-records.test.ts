// The field app's pure parts: reading what an officer types the Vietnamese way, the bản nearest a position,
// the device-made record ids, and the outbox state each sync answer leaves a record in.
import { describe, expect, it } from 'vitest';
import { newClientId, stateAfter } from '../web/field/field-record.ts';
import { distanceMeters, villagesByDistance } from '../web/field/nearest-village.ts';
import { readFieldValue } from '../web/field/value-input.ts';
import type { VillageInfo } from '../web/api/types.ts';

describe('readFieldValue', () => {
  const count = { kind: 'count' };
  it('reads a decimal comma and thousands dots the Vietnamese way', () => {
    expect(readFieldValue(count, '82,6')).toBe(82.6);
    expect(readFieldValue(count, '12.831')).toBe(12831);
    expect(readFieldValue(count, '1.234,5')).toBe(1234.5);
    expect(readFieldValue(count, ' 152 ')).toBe(152);
  });
  it('leaves a blank entry unrecorded and refuses what is not a number', () => {
    expect(readFieldValue(count, '  ')).toBeNull();
    expect(readFieldValue(count, 'khoảng 40')).toBeUndefined();
    expect(readFieldValue(count, '4e3')).toBeUndefined();
  });
  it('reads yes/no for a yes/no indicator', () => {
    expect(readFieldValue({ kind: 'boolean' }, 'true')).toBe(true);
    expect(readFieldValue({ kind: 'boolean' }, 'false')).toBe(false);
    expect(readFieldValue({ kind: 'boolean' }, '')).toBeNull();
    expect(readFieldValue({ kind: 'boolean' }, 'có')).toBeUndefined();
  });
});

describe('nearest bản', () => {
  it('measures a degree of latitude as about 111 km', () => {
    expect(distanceMeters([104.5, 21.0], [104.5, 22.0])).toBeGreaterThan(111_000);
    expect(distanceMeters([104.5, 21.0], [104.5, 22.0])).toBeLessThan(111_400);
  });
  it('orders bản by distance from a position, the one standing in first', () => {
    const villages = [
      { id: 'a', centroid: [104.60, 21.20] },
      { id: 'b', centroid: [104.62, 21.21] },
      { id: 'c', centroid: [104.58, 21.25] },
    ] as unknown as VillageInfo[];
    const order = villagesByDistance(villages, [104.621, 21.209]);
    expect(order.map((o) => o.village.id)).toEqual(['b', 'a', 'c']);
    expect(order[0].meters).toBeLessThan(200);
  });
});

describe('field records', () => {
  it('makes distinct version-4 UUIDs on the device', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newClientId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('leaves a record applied once the portal has it, in conflict or refused otherwise', () => {
    expect(stateAfter('APPLIED')).toBe('applied');
    expect(stateAfter('ALREADY_APPLIED')).toBe('applied');
    expect(stateAfter('KEPT_SERVER')).toBe('keptServer');
    expect(stateAfter('CONFLICT')).toBe('conflict');
    expect(stateAfter('REJECTED')).toBe('rejected');
  });
});
