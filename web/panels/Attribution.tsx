// Sources: the boundary's document and licence first, then every document the numbers cite.
import type { Commune, SourceDocument } from '../api/types.ts';
import { local, t } from '../i18n/i18n.ts';
import { boundaryAttribution } from '../map/attribution.ts';

/** The list of source documents with publisher and licence. */
export function Attribution({ commune, sources }: { commune: Commune; sources: SourceDocument[] }) {
  const boundary = boundaryAttribution(commune, sources);
  return (
    <section className="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t().sourcesHeading}</h2>
      <p className="boundary-source">
        {boundary.text} ({t().quality[commune.boundaryQuality]})
      </p>
      <ul>
        {sources.map((s) => (
          <li key={s.id} data-source-id={s.id}>
            <span className="src-title">{s.url ? <a href={s.url} rel="noreferrer noopener" target="_blank">{local(s.title, s.titleEn)}</a> : local(s.title, s.titleEn)}</span>
            {s.publisher && <span className="src-publisher"> · {local(s.publisher, s.publisherEn)}</span>}
            {s.licence && (
              <span className="src-licence">
                {' '}· {t().licence}: {local(s.licence, s.licenceEn)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
