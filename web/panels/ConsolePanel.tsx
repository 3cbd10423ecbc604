// The console's side panel: the documented example queries and the village data downloads.
import { lazy, Suspense } from 'react';
import { EXAMPLE_EVENT, EXAMPLES, type ExampleQuery } from '../console/examples.ts';
import { currentLang, t } from '../i18n/i18n.ts';

/** GraphiQL and Monaco are large: fetched (from this portal) only when the console opens. */
export const AnalystConsole = lazy(() => import('../console/AnalystConsole.tsx'));

/** The full-size console pane over the map. */
export function ConsolePane() {
  return (
    <div className="console-pane" role="region" aria-label={t().console.heading}>
      <Suspense fallback={<p className="loading">{t().console.loading}</p>}>
        <AnalystConsole />
      </Suspense>
    </div>
  );
}

/** An example's title: Vietnamese from the strings, else the file's own (English) comment. */
export function exampleTitle(e: ExampleQuery): string {
  return t().console.exampleTitles[e.operationName] ?? (e.description || e.operationName);
}

/** The side panel. */
export function ConsolePanel({ indicators }: { indicators: string[] }) {
  const s = t();
  const en = currentLang() === 'en';
  const q = encodeURIComponent(indicators.join(','));
  return (
    <section className="console-panel" aria-labelledby="console-heading">
      <h2 id="console-heading">{s.console.heading}</h2>
      <h3>{s.console.examples}</h3>
      <ol className="examples">
        {EXAMPLES.map((e) => (
          <li key={e.id} data-example={e.id}>
            <button type="button" className="link" onClick={() => window.dispatchEvent(new CustomEvent(EXAMPLE_EVENT, { detail: e.id }))}>
              {exampleTitle(e)}
            </button>
            <div className="muted"><code>{e.operationName}</code></div>
          </li>
        ))}
      </ol>
      <h3>{s.console.exportsHeading}</h3>
      <ul className="downloads">
        <li><a href={`/export/villages.csv?indicators=${q}`} download>villages.csv</a></li>
        <li><a href={`/export/villages.xlsx?indicators=${q}`} download>villages.xlsx</a></li>
        <li><a href={`/export/villages.geojson?indicators=${q}`} download>villages.geojson</a></li>
      </ul>
    </section>
  );
}
