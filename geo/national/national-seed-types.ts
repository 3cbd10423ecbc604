// The shape of seeds/vietnam/*.json.gz: every 2025 province and commune-level unit of Vietnam (reference data,
// read-only). Built by server/cli/build-vietnam-seeds.ts; provenance in seeds/vietnam/PROVENANCE.md.
import type { MultiPolygon } from 'geojson';

/** A province (tỉnh / thành phố) of the 2025 reorganisation. */
export interface NationalProvinceSeed {
  /** Official 2-digit code, e.g. "14" (Sơn La). */
  code: string;
  name: string;
  /** "Tỉnh" or "Thành phố". */
  type: string;
  /** Official area in km². */
  areaKm2: number;
  population: number;
  /** [lon, lat] of the source's label point. */
  centre: [number, number];
  /** Simplified outline (the source's Douglas–Peucker at 0.0005°). */
  geometry: MultiPolygon;
}

/** A commune-level unit (xã, phường, đặc khu) of the 2025 reorganisation. */
export interface NationalCommuneSeed {
  /** Official 5-digit code, e.g. "03943" (Mường Bang). */
  code: string;
  name: string;
  /** "Xã", "Phường" or "Đặc khu". */
  type: string;
  provinceCode: string;
  /** Official area in km² (sapnhap record). */
  areaKm2: number;
  /** Population as the source gives it (its year and method are not stated: see PROVENANCE.md). */
  population: number;
  centre: [number, number];
  /** Address of the administrative centre, or null when the metadata could not be joined. */
  adminCentre: string | null;
  /** The units merged into it on 1 July 2025, or null when the metadata could not be joined. */
  formerUnits: string[] | null;
  /** Simplified outline, or null when the source has none. */
  geometry: MultiPolygon | null;
  /** The outline's area on the WGS84 ellipsoid (geo/geodesic-area.ts), km² to 3 decimals, measured when the seed was built. */
  measuredAreaKm2: number | null;
}

/** A national figure to check the units' sum against, with where it comes from. */
export interface NationalFigure {
  value: number;
  /** "APPROXIMATELY" when the source rounds (e.g. "101,3 triệu"). */
  comparator: 'EXACT' | 'APPROXIMATELY';
  year: number;
  /** `date`: the day the figure refers to (a census's reference date). */
  source: { title: string; publisher: string; date: string; quote: string };
}

/** seeds/vietnam/national-statistics.json. */
export interface NationalStatisticsSeed {
  population: NationalFigure;
}

/** seeds/vietnam/outline-sizes.json: vertex counts of the outlines, so answer sizes are bounded without loading them. */
export interface NationalOutlineSizes {
  /** Vertices of the largest commune outline. */
  communeMostVertices: number;
  /** Vertices of the 100 largest commune outlines together (the most one page of communes can hold). */
  communeMostVerticesPer100: number;
  provinceMostVertices: number;
  /** Vertices of every province outline together. */
  provinceTotalVertices: number;
}

/** seeds/vietnam/source.json: the document the national units come from (attribution and licence). */
export interface NationalSourceSeed {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  url: string;
}
