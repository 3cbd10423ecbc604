// Colour-blind-safe palettes: ColorBrewer sequential schemes and viridis, for 1–6 classes; the
// categorical pair for yes/no is ColorBrewer Dark2's teal/orange. Unknown and estimated are never
// value colours: a light neutral under a hatch or dots pattern.

export type PaletteName = 'YlGnBu' | 'YlOrBr' | 'viridis';
export const PALETTES: readonly PaletteName[] = ['YlGnBu', 'YlOrBr', 'viridis'];

const SCHEMES: Record<PaletteName, string[][]> = {
  YlGnBu: [
    ['#41b6c4'],
    ['#a1dab4', '#225ea8'],
    ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  ],
  YlOrBr: [
    ['#fe9929'],
    ['#fed98e', '#cc4c02'],
    ['#fff7bc', '#fec44f', '#d95f0e'],
    ['#ffffd4', '#fed98e', '#fe9929', '#cc4c02'],
    ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'],
    ['#ffffd4', '#fee391', '#fec44f', '#fe9929', '#d95f0e', '#993404'],
  ],
  viridis: [
    ['#21918c'],
    ['#fde725', '#3b528b'],
    ['#fde725', '#21918c', '#440154'],
    ['#fde725', '#35b779', '#31688e', '#440154'],
    ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
    ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'],
  ],
};

/** Colours of `k` classes (1–6), light to dark. */
export function classColours(name: PaletteName, k: number): string[] {
  const rows = SCHEMES[name];
  return rows[Math.max(1, Math.min(rows.length, k)) - 1];
}

/** The default palette for a direction: darker = better (YlGnBu), darker = worse (YlOrBr), neutral (viridis). */
export function defaultPalette(higherIsBetter: boolean | null): PaletteName {
  return higherIsBetter === true ? 'YlGnBu' : higherIsBetter === false ? 'YlOrBr' : 'viridis';
}

/** Whether text on this colour should be white (for legend swatches with numbers). */
export function isDark(hex: string): boolean {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
