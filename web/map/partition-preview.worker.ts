// Web Worker: the schematic cells a moved bản centre would give, computed with the server's own
// partition (geo/partition-commune.ts). It takes about 2–3 s, too long for the page's main thread.
import type { MultiPolygon } from 'geojson';
import { partitionCommune, type ZoneInput } from '../../geo/partition-commune.ts';

export interface PreviewRequest {
  seq: number;
  commune: MultiPolygon;
  zones: ZoneInput[];
}

export type PreviewMessage =
  | { kind: 'ready' }
  | { kind: 'cells'; seq: number; villages: Array<{ id: string; geometry: MultiPolygon }> }
  | { kind: 'error'; seq: number; message: string };

const scope = self as unknown as { postMessage: (m: PreviewMessage) => void; onmessage: ((e: MessageEvent<PreviewRequest>) => void) | null };

scope.onmessage = (e) => {
  const { seq, commune, zones } = e.data;
  try {
    const p = partitionCommune(commune, zones);
    scope.postMessage({ kind: 'cells', seq, villages: p.villages.map((v) => ({ id: v.id, geometry: v.geometry })) });
  } catch (err) {
    scope.postMessage({ kind: 'error', seq, message: err instanceof Error ? err.message : String(err) });
  }
};
scope.postMessage({ kind: 'ready' });
