// While an editor drags a bản centre: the cells it would give, before anything is saved. The same
// inputs as the server's recompute (server/edits/recompute-partition.ts): the commune boundary,
// each former commune's land area as its share, the known bản centres with the moved one replaced.
// The partition runs in a Web Worker; one job at a time, the newest centre wins, at most every 250 ms.
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { AtlasData } from '../api/atlas-data.ts';
import type { LonLat } from '../api/types.ts';
import { partitionZones } from '../../geo/partition-zones.ts';
import type { PreviewMessage, PreviewRequest } from './partition-preview.worker.ts';

const MIN_INTERVAL_MS = 250;

/** The partition's input with one bản centre moved. */
export function previewInput(data: AtlasData, villageId: string, centre: LonLat): Omit<PreviewRequest, 'seq'> {
  const g = data.commune.geometry;
  const commune: MultiPolygon = g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : g;
  // Newest land area first, as the server reads it.
  const zones = partitionZones(
    data.commune.formerCommunes,
    (id) => data.observations.find((o) => o.unitId === id && o.indicator === 'landAreaKm2')?.value,
    data.villages.map((v) => ({ id: v.id, zone: v.formerCommune.id, centre: v.id === villageId ? centre : v.centreKnown ? v.centroid : null })),
  );
  return { commune, zones };
}

/** The preview's features: only the bản whose cell is schematic (surveyed cells are kept as they are). */
export function previewFeatures(data: AtlasData, cells: Array<{ id: string; geometry: MultiPolygon }>): FeatureCollection {
  const schematic = new Set(data.villages.filter((v) => v.boundaryQuality === 'SCHEMATIC').map((v) => v.id));
  return {
    type: 'FeatureCollection',
    features: cells.filter((c) => schematic.has(c.id)).map((c): Feature => ({ type: 'Feature', id: c.id, properties: { id: c.id }, geometry: c.geometry })),
  };
}

export interface PreviewResult {
  centre: LonLat;
  cells: Array<{ id: string; geometry: MultiPolygon }>;
}

/** One worker per editing session: request() as often as the pin moves, onResult gets the cells. */
export class PartitionPreview {
  private worker: Worker;
  private seq = 0;
  private busy: { seq: number; centre: LonLat } | null = null;
  private pending: LonLat | null = null;
  private lastPost = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private data: AtlasData,
    private villageId: string,
    private onResult: (r: PreviewResult) => void,
    onReady: () => void,
  ) {
    this.worker = new Worker(new URL('./partition-preview.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<PreviewMessage>) => {
      const m = e.data;
      if (this.closed) return;
      if (m.kind === 'ready') { onReady(); return; }
      const done = this.busy;
      this.busy = null;
      if (m.kind === 'cells' && done && done.seq === m.seq) this.onResult({ centre: done.centre, cells: m.villages });
      if (m.kind === 'error') console.error(`preview partition: ${m.message}`);
      this.pump();
    };
  }

  /** Ask for the cells with the centre here (an older request not yet started is dropped). */
  request(centre: LonLat): void {
    this.pending = centre;
    this.pump();
  }

  private pump(): void {
    if (this.closed || this.busy || !this.pending) return;
    const wait = this.lastPost + MIN_INTERVAL_MS - performance.now();
    if (wait > 0) {
      this.timer ??= setTimeout(() => { this.timer = null; this.pump(); }, wait);
      return;
    }
    const centre = this.pending;
    this.pending = null;
    this.lastPost = performance.now();
    this.busy = { seq: ++this.seq, centre };
    const msg: PreviewRequest = { seq: this.seq, ...previewInput(this.data, this.villageId, centre) };
    this.worker.postMessage(msg);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.worker.terminate();
  }
}
