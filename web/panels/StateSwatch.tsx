// A legend swatch with the same fill the map uses for a state (hatch for unknown).
import { HATCH_CSS } from '../map/hatch-pattern.ts';
import { FILL_OPACITY, palette } from '../map/palette.ts';
import type { VillageState } from '../map/village-state.ts';

/** Swatch of one bản state. */
export function StateSwatch({ state }: { state: VillageState }) {
  const style =
    state === 'unknown'
      ? { background: HATCH_CSS }
      : { background: palette.state[state], opacity: FILL_OPACITY + 0.1 };
  return <span className={`swatch swatch-${state}`} style={style} aria-hidden="true" />;
}

/** Swatch of a line symbol (commune, former commune, schematic bản cell, neighbour). */
export function LineSwatch({ kind }: { kind: 'commune' | 'formerCommune' | 'schematic' | 'neighbour' }) {
  return <span className={`line-swatch line-${kind}`} aria-hidden="true" />;
}
