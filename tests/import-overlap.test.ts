// Surveyed boundaries that overlap are a problem an import reports (dry run or not), naming both bản and the
// area shared; neighbours that only share an edge are not. Over real HTTP on a temporary SQLite file.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { team } from './helpers/team.ts';
import type { Client } from './helpers/session.ts';
import { geodesicAreaKm2 } from '../geo/geodesic-area.ts';

let server: RunningServer;
let editor: Client;
let centre: [number, number];

const IMPORT_GEO = `mutation ($input: VillageGeometryImportInput!) { importVillageGeometry(input: $input) {
  applied rowsValid changes { unitId field } problems { row column villageId code message } } }`;
const square = ([x, y]: number[], h = 0.001) => ({ type: 'Polygon' as const, coordinates: [[[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]] });
const boundary = (id: string, geometry: object) => ({ type: 'Feature', properties: { id }, geometry });

async function importGeo(features: object[], dryRun: boolean) {
  const { body } = await editor.gql(IMPORT_GEO, { input: { geojson: { type: 'FeatureCollection', features }, dryRun, sourceNote: 'Khảo sát GPS 2026' } });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.importVillageGeometry;
}

beforeAll(async () => {
  server = await startServer();
  ({ editor } = await team(server));
  const { body } = await editor.gql('{ villages(filter: { search: "md-03" }) { centroid } }');
  centre = body.data.villages[0].centroid;
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe('importVillageGeometry: overlapping surveyed boundaries', () => {
  it('the issue\'s case: 7 identical boundaries for 7 bản are refused, every pair named with the area shared', async () => {
    const ids = ['md-01', 'md-02', 'md-03', 'md-04', 'md-05', 'md-06', 'md-07'];
    const r = await importGeo(ids.map((id) => boundary(id, square(centre))), true);
    const overlaps = r.problems.filter((p: { code: string }) => p.code === 'OVERLAP');
    expect(overlaps).toHaveLength(21); // 7 × 6 / 2 pairs
    expect(r.problems).toHaveLength(21);
    const m2 = Math.round(geodesicAreaKm2(square(centre)) * 1e6);
    const shown = m2.toLocaleString('en-GB');
    for (const p of overlaps) {
      expect(p.column).toBe('geometry');
      expect(ids).toContain(p.villageId);
      expect(p.message).toContain(`by ${shown} m²`);
      expect(p.message).toContain(`trên ${m2.toLocaleString('vi-VN')} m²`);
    }
    // Feature 7 (md-07) overlaps each of the six before it, named by id and feature number.
    const last = overlaps.filter((p: { row: number }) => p.row === 7);
    expect(last).toHaveLength(6);
    for (const [i, id] of ids.slice(0, 6).entries()) expect(last.some((p: { message: string }) => p.message.includes(`(${id}, feature ${i + 1})`))).toBe(true);
    // Not applied either.
    const again = await importGeo(ids.map((id) => boundary(id, square(centre))), false);
    expect(again.applied).toBe(false);
    expect(again.problems.filter((p: { code: string }) => p.code === 'OVERLAP')).toHaveLength(21);
  });

  it('neighbours sharing an edge import cleanly; a later boundary overlapping a stored one is refused, naming it', async () => {
    const h = 0.001;
    const west = square(centre, h), east = square([centre[0] + 2 * h, centre[1]], h);
    const applied = await importGeo([boundary('md-01', west), boundary('md-02', east)], false);
    expect(applied.problems).toEqual([]);
    expect(applied.applied).toBe(true);
    // Half of md-01's square: its eastern half.
    const r = await importGeo([boundary('md-03', square([centre[0] + h, centre[1] + 3 * h], h)), boundary('md-04', square([centre[0] + h, centre[1]], h))], true);
    expect(r.problems).toHaveLength(2); // md-04 overlaps md-01 and md-02, each by half of its square
    for (const p of r.problems) expect(p).toMatchObject({ row: 2, villageId: 'md-04', code: 'OVERLAP' });
    expect(r.problems.map((p: { message: string }) => p.message.match(/\((md-0\d), the stored boundary\)/)?.[1]).sort()).toEqual(['md-01', 'md-02']);
    const half = Math.round(geodesicAreaKm2(square([centre[0] + h / 2, centre[1]], h / 2)) * 2e6);
    for (const p of r.problems) {
      const shown = Number(p.message.match(/by ([\d,]+) m²/)[1].replace(/,/g, ''));
      expect(Math.abs(shown - half)).toBeLessThanOrEqual(2);
    }
  });
});
