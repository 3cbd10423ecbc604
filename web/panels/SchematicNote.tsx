// The note that bản boundaries are generated, not surveyed.
import type { Village } from '../api/types.ts';
import { vi } from '../i18n/vi.ts';

/** Shown whenever any bản boundary on the map is schematic. */
export function SchematicNote({ villages }: { villages: Village[] }) {
  const schematic = villages.filter((v) => v.boundaryQuality === 'SCHEMATIC').length;
  if (schematic === 0) return null;
  return (
    <section className="schematic-note" role="note" data-schematic-count={schematic}>
      <h2>
        <span className="line-swatch line-schematic" aria-hidden="true" /> {vi.schematicHeading}
      </h2>
      <p>{vi.schematicNote}</p>
    </section>
  );
}
