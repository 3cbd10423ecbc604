// GraphiQL, bundled with its Monaco editor and workers (no CDN): the portal's analyst console.
// Loaded only when the console is opened. The fetcher talks to this portal's /graphql and keeps the
// last result so it can be exported as CSV or GeoJSON in one click.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { useEffect, useRef, useState } from 'react';
import { GRAPHQL_URL } from '../api/graphql.ts';
import { t } from '../i18n/i18n.ts';
import { download } from '../planner/csv.ts';
import { operationNameFor } from './operation-name.ts';
import { EXAMPLE_EVENT, EXAMPLES, type ExampleQuery } from './examples.ts';
import { resultToCsv, resultToGeoJson } from './result-export.ts';

type FetcherParams = { query: string; operationName?: string | null; variables?: unknown };

/** Buttons inside GraphiQL's footer: examples into the editor, exports of the last result. */
function ConsoleBar({ last }: { last: { current: unknown } }) {
  const s = t();
  const queryEditor = useGraphiQL((st) => st.queryEditor);
  const [note, setNote] = useState<string | null>(null);
  // An example picked before the editor has loaded waits for it, rather than being dropped.
  const [pending, setPending] = useState<ExampleQuery | null>(null);
  const load = (e: ExampleQuery) => {
    setNote(t().console.exampleTitles[e.operationName] ?? e.description);
    if (queryEditor) queryEditor.setValue(e.query);
    else setPending(e);
  };
  useEffect(() => {
    if (queryEditor && pending) { queryEditor.setValue(pending.query); setPending(null); }
  }, [queryEditor, pending]);
  const exportAs = (kind: 'csv' | 'geojson') => {
    const data = (last.current as { data?: unknown } | null)?.data;
    const text = kind === 'csv' ? resultToCsv(data) : JSON.stringify(resultToGeoJson(data));
    if (!text || text === 'null') {
      setNote(kind === 'csv' ? 'CSV: —' : 'GeoJSON: —');
      return;
    }
    download(kind === 'csv' ? 'ket-qua.csv' : 'ket-qua.geojson', text, kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/geo+json');
  };
  // The side panel's example list asks for an example with an event.
  useEffect(() => {
    const onExample = (ev: Event) => {
      const e = EXAMPLES.find((x) => x.id === (ev as CustomEvent<string>).detail);
      if (e) load(e);
    };
    window.addEventListener(EXAMPLE_EVENT, onExample);
    return () => window.removeEventListener(EXAMPLE_EVENT, onExample);
  });
  return (
    <div className="console-bar">
      <button type="button" className="btn export-result-csv" onClick={() => exportAs('csv')}>{s.console.exportCsv}</button>
      <button type="button" className="btn export-result-geojson" onClick={() => exportAs('geojson')}>{s.console.exportGeoJson}</button>
      {note && <p className="console-note">{note}</p>}
    </div>
  );
}

/** The console (default export for React.lazy). */
export default function AnalystConsole() {
  const last = useRef<unknown>(null);
  const fetcher = useRef(async (params: FetcherParams) => {
    const res = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...params, operationName: operationNameFor(params.query, params.operationName) }),
    });
    const body: unknown = await res.json();
    if (!/__schema/.test(params.query)) last.current = body;
    return body as Record<string, unknown>;
  }).current;
  return (
    <div className="console-graphiql">
      <GraphiQL fetcher={fetcher} initialQuery={EXAMPLES[0].query} defaultEditorToolsVisibility={false} forcedTheme="light" shouldPersistHeaders={false}>
        <GraphiQL.Footer>
          <ConsoleBar last={last} />
        </GraphiQL.Footer>
      </GraphiQL>
    </div>
  );
}
