// The note that bản boundaries are generated, not surveyed.
import type { VillageInfo } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';

/** Shown whenever any bản boundary on the map is schematic. */
export function SchematicNote({ villages }: { villages: VillageInfo[] }) {
  const schematic = villages.filter((v) => v.boundaryQuality === 'SCHEMATIC').length;
  if (schematic === 0) return null;
  return (
    <section className="schematic-note" role="note" data-schematic-count={schematic}>
      <h2>
        <span className="line-swatch line-schematic" aria-hidden="true" /> {t().schematicHeading}
      </h2>
      <p>{t().schematicNote}</p>
    </section>
  );
}
