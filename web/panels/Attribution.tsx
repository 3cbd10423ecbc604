// Sources: the boundary's document and licence first, then every document the numbers cite.
import type { Commune, SourceDocument } from '../api/types.ts';
import { vi } from '../i18n/vi.ts';
import { boundaryAttribution } from '../map/attribution.ts';

/** The list of source documents with publisher and licence. */
export function Attribution({ commune, sources }: { commune: Commune; sources: SourceDocument[] }) {
  const boundary = boundaryAttribution(commune, sources);
  return (
    <section className="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{vi.sourcesHeading}</h2>
      <p className="boundary-source">
        {boundary.text} ({vi.quality[commune.boundaryQuality]})
      </p>
      <ul>
        {sources.map((s) => (
          <li key={s.id} data-source-id={s.id}>
            <span className="src-title">{s.url ? <a href={s.url} rel="noreferrer noopener" target="_blank">{s.title}</a> : s.title}</span>
            {s.publisher && <span className="src-publisher"> · {s.publisher}</span>}
            {s.licence && (
              <span className="src-licence">
                {' '}· {vi.licence}: {s.licence}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
