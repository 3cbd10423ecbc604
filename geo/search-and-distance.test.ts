import { describe, it, expect } from 'vitest';
import { distance } from '@turf/turf';
import { foldDiacritics } from './fold-diacritics.ts';
import { geodesicDistanceKm } from './geodesic-distance.ts';

describe('foldDiacritics', () => {
  it('makes "ban lao" match "bản Lao", in NFC or NFD, with đ and zero-width characters', () => {
    expect(foldDiacritics('Bản Lao')).toBe('ban lao');
    expect(foldDiacritics('Ba\u0309n  Lao'.normalize('NFD'))).toBe('ban lao');
    expect(foldDiacritics('Đung')).toBe('dung');
    expect(foldDiacritics('Thượng\u200b Lang')).toBe('thuong lang');
    expect(foldDiacritics('Bông Sồi')).toBe('bong soi');
  });
});

describe('geodesicDistanceKm', () => {
  it('measures on the ellipsoid: differs from the sphere by the flattening, agrees on the scale', () => {
    // One degree of latitude at 21°N is 110.70 km on WGS84 (a sphere of mean radius gives 111.19 km).
    expect(geodesicDistanceKm([104.8, 20.5], [104.8, 21.5])).toBeCloseTo(110.70, 1);
    // Not the sphere's answer (turf.distance): shorter by about 0.49 km here, well within 1%.
    const sphere = distance([104.8, 20.5], [104.8, 21.5], { units: 'kilometers' });
    expect(sphere - geodesicDistanceKm([104.8, 20.5], [104.8, 21.5])).toBeCloseTo(0.49, 1);
    expect(geodesicDistanceKm([104.8, 21.18], [104.8, 21.18])).toBe(0);
  });
});
