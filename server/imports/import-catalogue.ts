// What the row checks of an import need to know of the atlas — its units, indicators and documents — as
// plain data that can be sent to the import worker thread, read the same way as the store.
import type { AtlasSnapshot, Indicator, SourceDocument, Unit, UnitLevel } from '../store/atlas-store.ts';

/** The part of the store the row checks read, and the units of the other detailed communes (to refuse them by name). */
export type ImportCatalogue = Pick<AtlasSnapshot, 'units' | 'indicators' | 'sources'> & { elsewhere?: ElsewhereUnit[] };

/** A unit of another detailed commune than the one an import is for, with that commune's name. */
export interface ElsewhereUnit { unit: Unit; commune: string }

/** The catalogue as plain data (structured-cloneable). */
export interface CatalogueData { units: Unit[]; indicators: Indicator[]; sources: SourceDocument[]; elsewhere: ElsewhereUnit[] }

/** Snapshot the store's catalogue (the view of the commune the import is for), to send to the worker. */
export function catalogueData(store: AtlasSnapshot): CatalogueData {
  return {
    units: [...store.units('commune'), ...store.units('formerCommune'), ...store.units('village')],
    indicators: store.indicators(),
    sources: store.sources(),
    elsewhere: unitsElsewhere(store),
  };
}

/** Every unit of the detailed communes other than the view's own. */
export function unitsElsewhere(store: AtlasSnapshot): ElsewhereUnit[] {
  const own = store.scope()?.id;
  return store.detailedCommunes().filter((c) => c.id !== own).flatMap((c) => {
    const other = store.forCommune(c.id)!;
    const commune = c.name ?? c.id;
    return [...other.units('commune'), ...other.units('formerCommune'), ...other.units('village')].map((unit) => ({ unit, commune }));
  });
}

/** Read a snapshot as the store would be read. */
export function catalogueOf(data: CatalogueData): ImportCatalogue {
  return {
    units: (level: UnitLevel) => data.units.filter((u) => u.level === level),
    indicators: () => data.indicators,
    sources: () => data.sources,
    elsewhere: data.elsewhere,
  };
}
