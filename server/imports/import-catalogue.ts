// What the row checks of an import need to know of the atlas — its units, indicators and documents — as
// plain data that can be sent to the import worker thread, read the same way as the store.
import type { AtlasSnapshot, Indicator, SourceDocument, Unit, UnitLevel } from '../store/atlas-store.ts';

/** The part of the store the row checks read. */
export type ImportCatalogue = Pick<AtlasSnapshot, 'units' | 'indicators' | 'sources'>;

/** The catalogue as plain data (structured-cloneable). */
export interface CatalogueData { units: Unit[]; indicators: Indicator[]; sources: SourceDocument[] }

/** Snapshot the store's catalogue, to send to the worker. */
export function catalogueData(store: AtlasSnapshot): CatalogueData {
  return {
    units: [...store.units('commune'), ...store.units('formerCommune'), ...store.units('village')],
    indicators: store.indicators(),
    sources: store.sources(),
  };
}

/** Read a snapshot as the store would be read. */
export function catalogueOf(data: CatalogueData): ImportCatalogue {
  return {
    units: (level: UnitLevel) => data.units.filter((u) => u.level === level),
    indicators: () => data.indicators,
    sources: () => data.sources,
  };
}
