// "Bản nearest me": the bản whose centre (placed, or its schematic cell's centroid) is closest to a position.
import type { VillageInfo } from '../api/types.ts';

/** Great-circle distance in metres (haversine on a 6,371 km sphere: ample for choosing among 23 bản). */
export function distanceMeters(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Bản by distance from `position`, nearest first, with the distance. */
export function villagesByDistance(villages: VillageInfo[], position: [number, number]): Array<{ village: VillageInfo; meters: number }> {
  return villages
    .map((village) => ({ village, meters: distanceMeters(position, village.centroid) }))
    .sort((a, b) => a.meters - b.meters);
}
