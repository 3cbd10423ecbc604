// Which places are lines (roads with their own geometry): the line layer's source reads it without MapLibre.
import type { Place } from '../api/types.ts';

const LINE_TYPES = new Set(['LineString', 'MultiLineString']);

/** Whether a place is drawn as a line (a road with its own line geometry). */
export function isLinePlace(p: Place): boolean {
  return !!p.geometry && LINE_TYPES.has(p.geometry.type);
}
