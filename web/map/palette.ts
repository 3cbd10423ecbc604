// Map line and background colours (value colours live in model/palettes.ts and model/choropleth.ts).

export const palette = {
  background: '#eef0ec',
  neighbourFill: '#e2e3dd',
  neighbourLine: '#a9aca3',
  communeLine: '#1f2a30',
  communeHalo: '#ffffff',
  formerCommuneLine: '#3d4a52',
  villageLine: '#5b656b',
  hover: '#111111',
  selected: '#c2185b',
  unknownFill: '#f2f2f0',
  hatchLine: '#9ba1a5',
  /** Signed-in users: the dashed outline of a value the public does not see as shown. */
  notPublic: '#7b3294',
} as const;
