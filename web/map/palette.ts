// Map colours. Value colours are from ColorBrewer Dark2 (colour-blind safe pair teal/orange);
// "unknown" is never a value colour: neutral grey under a grey hatch.
import type { VillageState } from './village-state.ts';

export const palette = {
  background: '#eef0ec',
  neighbourFill: '#e2e3dd',
  neighbourLine: '#a9aca3',
  communeLine: '#1f2a30',
  communeHalo: '#ffffff',
  formerCommuneLine: '#3d4a52',
  villageLine: '#5b656b',
  hover: '#111111',
  state: {
    achieved: '#1b9e77',
    notAchieved: '#d95f02',
    unknown: '#f2f2f0',
  } satisfies Record<VillageState, string>,
  hatchLine: '#9ba1a5',
} as const;

/** Opacity of the value fills: strong enough to read, light enough to keep labels legible. */
export const FILL_OPACITY = 0.72;
