import Flatbush from 'flatbush';
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import type { AtlasSnapshot, Unit } from '../store/atlas-store.ts';

export interface VillageIndex {
  villages: Unit[];
  /** Bản centre: the known one, else the point inside the schematic cell. */
  centres: Array<[number, number]>;
  /** R-tree over the cells' bounding boxes (lon/lat). */
  cells: Flatbush;
  /** R-tree over the centres. */
  points: Flatbush;
  /** What a search finds each bản by ("Bản <name>", provisional label, id), folded once (foldDiacritics). */
  searchTexts: string[][];
}

const built = new WeakMap<AtlasSnapshot, { version: number; index: VillageIndex }>();

/** Spatial index of the bản, built once per data version (a change of data rebuilds it). */
export function villageIndex(store: AtlasSnapshot): VillageIndex {
  const version = store.dataVersion();
  const hit = built.get(store);
  if (hit && hit.version === version) return hit.index;
  const villages = store.units('village');
  const cells = new Flatbush(Math.max(1, villages.length));
  const points = new Flatbush(Math.max(1, villages.length));
  const centres = villages.map((v) => v.centre ?? store.boundary(v.id)!.centroid);
  villages.forEach((v, i) => {
    const [x0, y0, x1, y1] = store.boundary(v.id)!.bbox;
    cells.add(x0, y0, x1, y1);
    points.add(centres[i][0], centres[i][1], centres[i][0], centres[i][1]);
  });
  if (villages.length === 0) { cells.add(0, 0, 0, 0); points.add(0, 0, 0, 0); }
  cells.finish();
  points.finish();
  const searchTexts = villages.map((v) => [v.name ? `Bản ${v.name}` : '', v.provisionalLabel ?? '', v.id].map(foldDiacritics));
  const index = { villages, centres, cells, points, searchTexts };
  built.set(store, { version, index });
  return index;
}
