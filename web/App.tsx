// The page: a full-screen map with a side panel (title, legend, schematic note, areas, sources).
import { useEffect, useRef, useState } from 'react';
import { loadAtlasData, type AtlasData } from './api/atlas-data.ts';
import { vi } from './i18n/vi.ts';
import { MapView } from './map/MapView.tsx';
import { AreaNote } from './panels/AreaNote.tsx';
import { Attribution } from './panels/Attribution.tsx';
import { Legend } from './panels/Legend.tsx';
import { SchematicNote } from './panels/SchematicNote.tsx';

/** The indicator the map shows today (the report's "bản không ma túy"). */
const INDICATOR = 'drugFree';

/** "Mường Bang" → "Xã Mường Bang" (names may or may not carry the word "Xã"). */
function communeTitle(name: string): string {
  return name.toLowerCase().startsWith(`${vi.communePrefix.toLowerCase()} `) ? name : `${vi.communePrefix} ${name}`;
}

/** Root component. */
export function App() {
  const [data, setData] = useState<AtlasData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    loadAtlasData(INDICATOR, abort.signal).then(setData, (e: unknown) => {
      if (abort.signal.aborted) return;
      console.error(e);
      setError(e instanceof Error ? e.message : String(e));
    });
    return () => abort.abort();
  }, []);

  return (
    <div className="app">
      <MapView data={data} panelRef={panelRef} />
      <aside className="panel" ref={panelRef}>
        <header>
          <h1>{data ? communeTitle(data.commune.name) : vi.title}</h1>
          {data && <p className="subtitle">{vi.subtitle(data.villages.length, data.commune.formerCommunes.length)}</p>}
        </header>
        {error && <p className="error" role="alert">{vi.loadError}: {error}</p>}
        {!data && !error && <p className="loading">{vi.loading}</p>}
        {data && (
          <>
            <SchematicNote villages={data.villages} />
            <Legend villages={data.villages} coverage={data.coverage} formerCommunes={data.commune.formerCommunes} />
            <AreaNote commune={data.commune} />
            <Attribution commune={data.commune} sources={data.sources} />
          </>
        )}
      </aside>
    </div>
  );
}
