// The national tile layers (communes, provinces): Vietnam's reference units, the same for every viewer, from z4 to z9
// (the outlines are simplified to about 55 m, so deeper tiles would add nothing; MapLibre overzooms z9). The store
// makes them: on SQLite cut once off the request thread and kept encoded (national-tile-set.ts), on PostgreSQL by
// PostGIS from its national tables (store/pg-national.ts).
import { NATIONAL_MAX_ZOOM, NATIONAL_MIN_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import type { NationalTileLayerName } from './national-tile-features.ts';
import { registerTileLayer, type TileLayer } from './tile-layer.ts';

const nationalLayer = (name: NationalTileLayerName): TileLayer => ({
  name, minZoom: NATIONAL_MIN_ZOOM, maxZoom: NATIONAL_MAX_ZOOM,
  features: () => [],
  cut: (tile, store) => store.nationalTile(name, tile),
});

registerTileLayer(nationalLayer('communes'));
registerTileLayer(nationalLayer('provinces'));
