// Legend swatches drawn like the map: value colour, grey hatch for unknown, dots for estimated.
import { DOTS_CSS } from '../map/dots-pattern.ts';
import { HATCH_CSS } from '../map/hatch-pattern.ts';
import type { Pattern } from '../model/choropleth.ts';

/** Swatch of one legend entry. */
export function Swatch({ color, pattern }: { color: string; pattern: Pattern }) {
  const style = pattern === 'hatch' ? { background: HATCH_CSS } : pattern === 'dots' ? { background: DOTS_CSS } : { background: color };
  return <span className={`swatch${pattern ? ` swatch-${pattern}` : ''}`} style={style} aria-hidden="true" data-color={color} />;
}

/** Swatch of a line symbol (commune, former commune, schematic bản cell, neighbour). */
export function LineSwatch({ kind }: { kind: 'commune' | 'formerCommune' | 'schematic' | 'neighbour' }) {
  return <span className={`line-swatch line-${kind}`} aria-hidden="true" />;
}
