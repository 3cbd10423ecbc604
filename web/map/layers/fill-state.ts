// How a choropleth's colours reach the map: one feature-state per unit on the level's source. The first picture
// (web/first-picture/) evaluates the fill layers with the same state, so both show the same colours.
import type { UnitFill } from '../../model/choropleth-fills.ts';
import type { Level } from '../../state/ui-state.ts';
import { FORMER_COMMUNE_SOURCE, VILLAGE_SOURCE } from './source-ids.ts';

/** The source whose features the choropleth at `level` colours. */
export function choroplethSource(level: Level): string {
  return level === 'village' ? VILLAGE_SOURCE : FORMER_COMMUNE_SOURCE;
}

/** The feature-state a unit's fill is drawn from (FS in types.ts reads it), and whether its value is not public as shown (signed-in users: the dashed outline). */
export function fillState(f: Pick<UnitFill, 'state' | 'color' | 'cls' | 'estimated'> & { notPublic?: unknown }): Record<string, unknown> {
  return { state: f.state, color: f.color, cls: f.cls, estimated: f.estimated, notPublic: f.notPublic !== undefined };
}
