// The base style: a plain background and nothing else, so the map makes no requests
// (no tiles, no glyphs, no sprite). Labels are DOM markers (see labels.ts).
import type { StyleSpecification } from 'maplibre-gl';
import { palette } from './palette.ts';

/** A version 8 style with only a background layer; data layers are added once the data arrives. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'commune-atlas-offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': palette.background } }],
  };
}
